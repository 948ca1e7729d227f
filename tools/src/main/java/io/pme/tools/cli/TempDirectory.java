package io.pme.tools.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory the user named, or a temporary one removed afterwards.
 */
final class TempDirectory
{
    private final Path path;
    private final boolean temporary;

    private TempDirectory(final Path path, final boolean temporary)
    {
        this.path = path;
        this.temporary = temporary;
    }

    static TempDirectory orGiven(final String given, final String prefix)
    {
        try
        {
            return null != given ? new TempDirectory(Path.of(given), false) :
                new TempDirectory(Files.createTempDirectory(prefix), true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    Path path()
    {
        return path;
    }

    boolean isTemporary()
    {
        return temporary;
    }

    void deleteIfTemporary()
    {
        if (!temporary)
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(path))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ignore)
        {
            // a leftover temporary directory is harmless
        }
    }
}
