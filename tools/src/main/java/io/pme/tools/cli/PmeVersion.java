package io.pme.tools.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What {@code pme --version} (and {@code pme <command> --version}) prints: the build's version, filled in by Maven,
 * and the Java runtime it runs on.
 */
public final class PmeVersion implements CommandLine.IVersionProvider
{
    /**
     * @return the version of this build, e.g. {@code 0.1.0-SNAPSHOT}.
     */
    public static String version()
    {
        try (InputStream in = PmeVersion.class.getResourceAsStream("version.properties"))
        {
            if (null == in)
            {
                return "unknown";
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public String[] getVersion()
    {
        return new String[] {
            "pme " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
