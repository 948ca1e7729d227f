package io.pme.engine;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The capacities a journal was written with, and its snapshot schedule, kept beside it in {@value #FILE_NAME}.
 * <p>
 * A capacity decides outcomes: an account open beyond {@code pme.max.accounts} is refused {@code CAPACITY_EXCEEDED},
 * so a replay sized otherwise than the live engine would open other accounts and reach another digest. The first
 * engine on a journal directory writes the file; every later engine must have the same capacities (it refuses to
 * start otherwise, naming the difference), and {@code pme replay} sizes its state from the file.
 * <p>
 * The snapshot intervals ({@code pme.snapshot.interval.inputs}, {@code pme.snapshot.interval}) decide outcomes too:
 * a scheduled snapshot settles every account's lazily kept changes, so a replay must take its snapshots at the same
 * inputs. They are recorded and checked alike; a file without them is a journal written before the schedule
 * existed, whose intervals were both 0.
 */
public final class JournalCapacity
{
    /**
     * The file's name in the journal directory: a Java properties file of the capacities' property names.
     */
    public static final String FILE_NAME = "capacity.properties";

    private static final String[] NAMES =
    {
        EngineConfiguration.MAX_ASSETS_PROP_NAME,
        EngineConfiguration.MAX_INSTRUMENTS_PROP_NAME,
        EngineConfiguration.MAX_ACCOUNTS_PROP_NAME,
        EngineConfiguration.MAX_POSITIONS_PROP_NAME,
        EngineConfiguration.MAX_OPEN_ORDERS_PROP_NAME,
        EngineConfiguration.MAX_CLIENTS_PROP_NAME,
        EngineConfiguration.MAX_UNDERLYINGS_PROP_NAME,
    };

    private static final String[] SCHEDULE_NAMES =
    {
        EngineConfiguration.SNAPSHOT_INTERVAL_INPUTS_PROP_NAME,
        EngineConfiguration.SNAPSHOT_INTERVAL_PROP_NAME,
    };

    private JournalCapacity()
    {
    }

    /**
     * @param journalDir a journal directory.
     * @return whether it records its capacities.
     */
    public static boolean isRecorded(final Path journalDir)
    {
        return Files.isRegularFile(journalDir.resolve(FILE_NAME));
    }

    /**
     * Records the context's capacities in a journal directory that has none yet, or checks that they equal the
     * recorded ones.
     *
     * @param context    the engine's context.
     * @param journalDir its journal directory, which exists.
     * @throws IllegalStateException when a capacity differs from the journal's; the message names each.
     */
    public static void recordOrVerify(final EngineContext context, final Path journalDir)
    {
        final Path file = journalDir.resolve(FILE_NAME);
        if (!Files.exists(file))
        {
            write(journalDir, file, values(context), schedule(context));
            return;
        }
        final int[] recorded = read(file);
        final int[] configured = values(context);
        final StringBuilder differences = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++)
        {
            if (recorded[i] != configured[i])
            {
                differences.append(differences.length() > 0 ? ", " : "")
                    .append(NAMES[i]).append(' ').append(configured[i])
                    .append(" (the journal's ").append(recorded[i]).append(')');
            }
        }
        if (differences.length() > 0)
        {
            throw new IllegalStateException("the journal in " + journalDir + " was written with other capacities: " +
                differences + "; a journal keeps the capacities it was started with, or its replay would accept " +
                "and refuse other inputs: start with the journal's (" + file + ") or on a new journal");
        }
        final long[] recordedSchedule = readSchedule(file);
        final long[] configuredSchedule = schedule(context);
        for (int i = 0; i < SCHEDULE_NAMES.length; i++)
        {
            if (recordedSchedule[i] != configuredSchedule[i])
            {
                differences.append(differences.length() > 0 ? ", " : "")
                    .append(SCHEDULE_NAMES[i]).append(' ').append(configuredSchedule[i])
                    .append(" (the journal's ").append(recordedSchedule[i]).append(')');
            }
        }
        if (differences.length() > 0)
        {
            throw new IllegalStateException("the journal in " + journalDir + " was written with another snapshot " +
                "schedule: " + differences + " (time in nanoseconds); a scheduled snapshot settles the accounts, so " +
                "a journal keeps the schedule it was started with: start with the journal's (" + file + ") or on a " +
                "new journal");
        }
    }

    /**
     * Sizes a context as the journal's capacities say.
     *
     * @param context    the context to size, not yet concluded.
     * @param journalDir a journal directory that records its capacities.
     * @return the context.
     * @throws IllegalStateException when the file cannot be read or holds a value that is not a positive int.
     */
    public static EngineContext apply(final EngineContext context, final Path journalDir)
    {
        final int[] recorded = read(journalDir.resolve(FILE_NAME));
        final long[] schedule = readSchedule(journalDir.resolve(FILE_NAME));
        return context
            .snapshotIntervalInputs(schedule[0])
            .snapshotIntervalNs(schedule[1])
            .maxAssets(recorded[0])
            .maxInstruments(recorded[1])
            .maxAccounts(recorded[2])
            .maxPositions(recorded[3])
            .maxOpenOrders(recorded[4])
            .maxClients(recorded[5])
            .maxUnderlyings(recorded[6]);
    }

    private static int[] values(final EngineContext context)
    {
        return new int[]
        {
            context.maxAssets(), context.maxInstruments(), context.maxAccounts(), context.maxPositions(),
            context.maxOpenOrders(), context.maxClients(), context.maxUnderlyings(),
        };
    }

    private static long[] schedule(final EngineContext context)
    {
        return new long[]{context.snapshotIntervalInputs(), context.snapshotIntervalNs()};
    }

    private static long[] readSchedule(final Path file)
    {
        final Properties properties = load(file);
        final long[] values = new long[SCHEDULE_NAMES.length];
        for (int i = 0; i < SCHEDULE_NAMES.length; i++)
        {
            final String value = properties.getProperty(SCHEDULE_NAMES[i]);
            try
            {
                values[i] = null == value ? 0 : Long.parseLong(value.trim());
            }
            catch (final NumberFormatException ex)
            {
                values[i] = -1;
            }
            if (values[i] < 0)
            {
                throw new IllegalStateException(
                    file + ": " + SCHEDULE_NAMES[i] + " must be a long of at least 0, not " + value);
            }
        }
        return values;
    }

    private static Properties load(final Path file)
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1))
        {
            properties.load(reader);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        return properties;
    }

    private static int[] read(final Path file)
    {
        final Properties properties = load(file);
        final int[] values = new int[NAMES.length];
        for (int i = 0; i < NAMES.length; i++)
        {
            final String value = properties.getProperty(NAMES[i]);
            try
            {
                values[i] = null == value ? 0 : Integer.parseInt(value.trim());
            }
            catch (final NumberFormatException ex)
            {
                values[i] = 0;
            }
            if (values[i] <= 0)
            {
                throw new IllegalStateException(file + ": " + NAMES[i] + " must be a positive int, not " + value);
            }
        }
        return values;
    }

    // written whole or not at all: a crash mid-write must not leave a journal with half its capacities
    private static void write(final Path journalDir, final Path file, final int[] values, final long[] schedule)
    {
        final Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        try
        {
            Files.createDirectories(journalDir);
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.ISO_8859_1))
            {
                writer.write("# the capacities this journal was written with; every engine on it and its replay " +
                    "use them\n");
                for (int i = 0; i < NAMES.length; i++)
                {
                    writer.write(NAMES[i] + '=' + values[i] + '\n');
                }
                writer.write("# the snapshot schedule (the interval in nanoseconds), which decides where the " +
                    "accounts settle\n");
                for (int i = 0; i < SCHEDULE_NAMES.length; i++)
                {
                    writer.write(SCHEDULE_NAMES[i] + '=' + schedule[i] + '\n');
                }
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot record the journal's capacities in " + file, ex);
        }
    }
}
