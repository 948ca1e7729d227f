package io.pme.tools.cli;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.pme.engine.EngineConfiguration;
import io.pme.engine.EngineContext;
import io.pme.engine.StrictProperties;
import io.pme.engine.rulebook.RiskParameters;
import io.pme.engine.session.SessionsFile;
import org.agrona.SystemUtil;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The config file of {@code pme engine}: a properties file of the engine's settings, every key checked before
 * anything starts. The keys are every {@code *_PROP_NAME} of {@link EngineConfiguration}, found by reflection so a
 * setting added there is accepted here with no change, plus the command's own {@link #JOURNAL_DIR_KEY},
 * {@link #AERON_DIR_KEY} and {@link #MEDIA_DRIVER_KEY}. A value is checked against the type of the setting's
 * {@code *_DEFAULT} ({@code int}, {@code long}, a duration for {@code *_DEFAULT_NS}); a setting whose name ends in
 * {@code _CHANNEL} must be an Aeron channel URI, one without a default whose name ends in {@code _FILE} names a file
 * that must be readable. The engine's settings are then read as the system
 * properties they are, while the {@link EngineContext} is built, and {@link EngineContext#conclude()} checks their
 * bounds; the sessions and risk-parameter files are loaded once to be checked too.
 */
final class EngineConfigFile
{
    /** The journal directory (and its snapshots), created when missing; required, here or with {@code --journal}. */
    static final String JOURNAL_DIR_KEY = "pme.journal.dir";

    /**
     * The Aeron directory: the embedded driver's, or the external driver's to connect to; defaults to Aeron's
     * directory with {@code -pme} appended, where {@code pme stat} and {@code pme simulate} look.
     */
    static final String AERON_DIR_KEY = "pme.aeron.dir";

    /** {@code embedded} (the default: the engine launches its own media driver) or {@code external}. */
    static final String MEDIA_DRIVER_KEY = "pme.media.driver";

    private static final String PROP_NAME = "_PROP_NAME";
    private static final Map<String, Setting> SETTINGS = discover();

    /** How a value is checked, from the type of the setting's default. */
    enum Kind
    {
        /** An {@code int}, read as {@link Integer#getInteger(String)} reads it. */
        INT,
        /** A {@code long}, read as {@link Long#getLong(String)} reads it. */
        LONG,
        /** A duration: nanoseconds, or a number with ns, us, ms or s. */
        DURATION,
        /** A readable file. */
        FILE,
        /** An Aeron channel URI. */
        CHANNEL,
        /** Any text, checked by the engine's context. */
        TEXT
    }

    /**
     * One accepted key.
     *
     * @param key   the property's name.
     * @param kind  how its value is checked.
     * @param field the name {@link EngineContext#conclude()} gives the setting in its messages, or null.
     */
    record Setting(String key, Kind kind, String field)
    {
    }

    /** A config that cannot be used: the message is one line naming the file and the key. */
    static final class ConfigException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        ConfigException(final String message)
        {
            super(message);
        }
    }

    private EngineConfigFile()
    {
    }

    /**
     * @return every key a config file may hold, sorted.
     */
    static Map<String, Setting> settings()
    {
        return SETTINGS;
    }

    private static Map<String, Setting> discover()
    {
        final Map<String, Setting> settings = new TreeMap<>();
        for (final Field field : EngineConfiguration.class.getFields())
        {
            if (Modifier.isStatic(field.getModifiers()) && String.class == field.getType() &&
                field.getName().endsWith(PROP_NAME))
            {
                final String constant = field.getName().substring(0, field.getName().length() - PROP_NAME.length());
                final String key = (String)constantValue(field);
                settings.put(key, new Setting(key, kind(constant), camelCase(constant)));
            }
        }
        settings.put(JOURNAL_DIR_KEY, new Setting(JOURNAL_DIR_KEY, Kind.TEXT, "journalDir"));
        settings.put(AERON_DIR_KEY, new Setting(AERON_DIR_KEY, Kind.TEXT, "aeronDirectoryName"));
        settings.put(MEDIA_DRIVER_KEY, new Setting(MEDIA_DRIVER_KEY, Kind.TEXT, null));
        return Collections.unmodifiableMap(settings);
    }

    /**
     * Reads and checks the file, with the command line's values over it, and builds the engine's context.
     *
     * @param file           the config file.
     * @param overrides      keys the command line sets, over the file's.
     * @param recoveryReport where the engine prints its recovery report.
     * @return the context, concluded: nothing in it is left to fail at launch but the launch itself.
     * @throws ConfigException naming the file and the key.
     */
    static EngineContext load(final Path file, final Map<String, String> overrides, final PrintStream recoveryReport)
    {
        final String source = "config " + file;
        final Map<String, String> values = new TreeMap<>(read(file, source));
        values.putAll(overrides);
        for (final Map.Entry<String, String> entry : values.entrySet())
        {
            check(source, entry.getKey(), entry.getValue());
        }
        final EngineContext context = newContext(values);
        final String journalDir = values.get(JOURNAL_DIR_KEY);
        if (null == journalDir || journalDir.isBlank())
        {
            throw new ConfigException(source + ": " + JOURNAL_DIR_KEY + ": required (or --journal DIR)");
        }
        final Path journal = Path.of(journalDir.trim());
        if (Files.exists(journal) && (!Files.isDirectory(journal) || !Files.isWritable(journal)))
        {
            throw new ConfigException(source + ": " + JOURNAL_DIR_KEY + ": not a writable directory: " + journal);
        }
        context.journalDir(journal).recoveryReportStream(recoveryReport);
        final String aeronDir = values.getOrDefault(AERON_DIR_KEY, StatCommand.defaultAeronDir()).trim();
        context.aeronDirectoryName(aeronDir).embeddedMediaDriver(embedded(source, values, aeronDir));
        try
        {
            context.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(source + ": " + named(ex.getMessage()));
        }
        checkFiles(source, context);
        return context;
    }

    private static Map<String, String> read(final Path file, final String source)
    {
        final Properties properties;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties = StrictProperties.load(reader, source);
        }
        catch (final IOException ex)
        {
            throw new ConfigException(source + ": cannot read (" + ex + ")");
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(ex.getMessage());
        }
        final Map<String, String> values = new TreeMap<>();
        for (final String key : properties.stringPropertyNames())
        {
            values.put(key, properties.getProperty(key));
        }
        return values;
    }

    private static void check(final String source, final String key, final String value)
    {
        final Setting setting = SETTINGS.get(key);
        if (null == setting)
        {
            throw new ConfigException(source + ": unknown key " + key);
        }
        final String text = value.trim();
        try
        {
            switch (setting.kind())
            {
                case INT -> Integer.decode(text);
                case LONG -> Long.decode(text);
                case DURATION -> SystemUtil.parseDuration(key, text);
                case FILE ->
                {
                    final Path path = Path.of(text);
                    if (!Files.isRegularFile(path) || !Files.isReadable(path))
                    {
                        throw new ConfigException(source + ": " + key + ": no readable file at " + path);
                    }
                }
                case CHANNEL -> ChannelUri.parse(text);
                default ->
                {
                    // the context checks it
                }
            }
        }
        catch (final IllegalArgumentException ex)
        {
            if (Kind.CHANNEL == setting.kind())
            {
                throw new ConfigException(source + ": " + key + ": not an Aeron channel (" + ex.getMessage() + ")");
            }
            throw new ConfigException(source + ": " + key + ": " + (Kind.DURATION == setting.kind() ?
                "not a duration (nanoseconds, or a number with ns, us, ms or s)" : "not a whole number") +
                ", was '" + value + "'");
        }
    }

    // The context takes its defaults from the system properties as it is built: the file's values are set for that
    // moment only, then the properties are put back, so nothing of one file outlives the context built from it.
    private static EngineContext newContext(final Map<String, String> values)
    {
        final Map<String, String> previous = new TreeMap<>();
        final Properties system = System.getProperties();
        synchronized (system)
        {
            try
            {
                for (final Map.Entry<String, String> entry : values.entrySet())
                {
                    if (null != SETTINGS.get(entry.getKey()).field() && !isCommandKey(entry.getKey()))
                    {
                        previous.put(entry.getKey(), System.getProperty(entry.getKey()));
                        System.setProperty(entry.getKey(), entry.getValue().trim());
                    }
                }
                return new EngineContext();
            }
            finally
            {
                for (final Map.Entry<String, String> entry : previous.entrySet())
                {
                    if (null == entry.getValue())
                    {
                        System.clearProperty(entry.getKey());
                    }
                    else
                    {
                        System.setProperty(entry.getKey(), entry.getValue());
                    }
                }
            }
        }
    }

    /**
     * Drops a message: the liveness check of a media driver says why not on its own terms, the caller in one line.
     */
    static void ignore(final String message)
    {
    }

    private static boolean isCommandKey(final String key)
    {
        return JOURNAL_DIR_KEY.equals(key) || AERON_DIR_KEY.equals(key) || MEDIA_DRIVER_KEY.equals(key);
    }

    private static boolean embedded(final String source, final Map<String, String> values, final String aeronDir)
    {
        final String driver = values.getOrDefault(MEDIA_DRIVER_KEY, "embedded").trim();
        switch (driver)
        {
            case "embedded":
                return true;
            case "external":
                if (!CommonContext.isDriverActive(new File(aeronDir), CommonContext.DEFAULT_DRIVER_TIMEOUT_MS,
                    EngineConfigFile::ignore))
                {
                    throw new ConfigException(source + ": " + MEDIA_DRIVER_KEY + ": external, but no media driver " +
                        "is running at " + AERON_DIR_KEY + " " + aeronDir);
                }
                return false;
            default:
                throw new ConfigException(source + ": " + MEDIA_DRIVER_KEY + ": embedded or external, was '" +
                    driver + "'");
        }
    }

    // the files the engine would load after its driver is up, loaded here first so a bad one starts nothing
    private static void checkFiles(final String source, final EngineContext context)
    {
        if (null != context.sessionsFile())
        {
            try
            {
                SessionsFile.load(context.sessionsFile());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException(source + ": " + EngineConfiguration.SESSIONS_FILE_PROP_NAME + ": " +
                    ex.getMessage());
            }
        }
        if (null != context.riskParametersFile())
        {
            try
            {
                RiskParameters.load(context.riskParametersFile(), context.maxAssets());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ConfigException(source + ": " + EngineConfiguration.RISK_PARAMETERS_FILE_PROP_NAME + ": " +
                    ex.getMessage());
            }
        }
    }

    // The context names a setting by its field, which is the constant's name in camel case, perhaps with a suffix
    // (journalSyncName, journalSyncIntervalNs): the longest field the message starts with is the setting.
    private static String named(final String message)
    {
        Setting best = null;
        for (final Setting setting : SETTINGS.values())
        {
            final String field = setting.field();
            if (null != field && message.startsWith(field) &&
                (message.length() == field.length() || !Character.isLowerCase(message.charAt(field.length()))) &&
                (null == best || field.length() > best.field().length()))
            {
                best = setting;
            }
        }
        if (null == best)
        {
            return message;
        }
        String rest = message.substring(best.field().length());
        final int space = rest.indexOf(' ');
        rest = space >= 0 && !rest.startsWith(" ") ? rest.substring(space) : rest;
        // "threadingModeName names no mode (pme.threading.mode): unknown threading mode fast: ..." says it twice
        rest = rest.replace(" (" + best.key() + ")", "").replaceFirst("^ names no \\w+:", "");
        return best.key() + ":" + rest;
    }

    private static Kind kind(final String constant)
    {
        final Field def = field(constant + "_DEFAULT");
        if (null != def)
        {
            if (int.class == def.getType())
            {
                return Kind.INT;
            }
            if (long.class == def.getType())
            {
                return Kind.LONG;
            }
            return constant.endsWith("_CHANNEL") ? Kind.CHANNEL : Kind.TEXT;
        }
        if (null != field(constant + "_DEFAULT_NS"))
        {
            return Kind.DURATION;
        }
        if (constant.endsWith("_CHANNEL"))
        {
            return Kind.CHANNEL;
        }
        return constant.endsWith("_FILE") ? Kind.FILE : Kind.TEXT;
    }

    private static Field field(final String name)
    {
        try
        {
            return EngineConfiguration.class.getField(name);
        }
        catch (final NoSuchFieldException ex)
        {
            return null;
        }
    }

    private static Object constantValue(final Field field)
    {
        try
        {
            return field.get(null);
        }
        catch (final IllegalAccessException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static String camelCase(final String constant)
    {
        final StringBuilder name = new StringBuilder();
        for (final String part : constant.toLowerCase(Locale.ROOT).split("_"))
        {
            name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.toString();
    }
}
