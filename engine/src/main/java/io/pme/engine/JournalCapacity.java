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
 * The capacities a journal was written with, kept beside it in {@value #FILE_NAME}.
 * <p>
 * A capacity decides outcomes: an account open beyond {@code pme.max.accounts} is refused {@code CAPACITY_EXCEEDED},
 * so a replay sized otherwise than the live engine would open other accounts and reach another digest. The first
 * engine on a journal directory writes the file; every later engine must have the same capacities (it refuses to
 * start otherwise, naming the difference), and {@code pme replay} sizes its state from the file.
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
            write(journalDir, file, values(context));
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
        return context
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

    private static int[] read(final Path file)
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
    private static void write(final Path journalDir, final Path file, final int[] values)
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
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot record the journal's capacities in " + file, ex);
        }
    }
}
