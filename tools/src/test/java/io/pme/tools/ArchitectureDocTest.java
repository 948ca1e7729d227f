package io.pme.tools;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/architecture.md's module and package tables are the layout as it is: every module of the build has a row,
 * every package of main code has a row, and each package row is its package-info.java word for word.
 */
class ArchitectureDocTest
{
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PACKAGE_ROW =
        Pattern.compile("^\\| `(io\\.pme[\\w.]*)` \\| (.*) \\|$", Pattern.MULTILINE);
    private static final Pattern MODULE_ROW = Pattern.compile("^\\| `(\\w+)` \\| .* \\|$", Pattern.MULTILINE);
    private static final Pattern POM_MODULE = Pattern.compile("<module>(\\w+)</module>");
    private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/\\s*package ([\\w.]+);", Pattern.DOTALL);

    @Test
    void everyModuleHasARow() throws IOException
    {
        final TreeSet<String> modules = new TreeSet<>();
        final Matcher pom = POM_MODULE.matcher(read(ROOT.resolve("pom.xml")));
        while (pom.find())
        {
            modules.add(pom.group(1));
        }
        final TreeSet<String> rows = new TreeSet<>();
        final Matcher row = MODULE_ROW.matcher(read(ROOT.resolve("docs/architecture.md")));
        while (row.find())
        {
            rows.add(row.group(1));
        }
        assertTrue(modules.size() > 1, "no modules read from the root pom");
        assertTrue(rows.containsAll(modules),
            "modules without a row in docs/architecture.md: " + missing(modules, rows));
    }

    @Test
    void everyPackageRowIsItsPackageInfo() throws IOException
    {
        final Map<String, String> rows = new TreeMap<>();
        final Matcher row = PACKAGE_ROW.matcher(read(ROOT.resolve("docs/architecture.md")));
        while (row.find())
        {
            rows.put(row.group(1), normalise(row.group(2)));
        }
        final Map<String, String> packageInfos = packageInfos();
        assertTrue(packageInfos.size() > 10, "too few packages found under " + ROOT);
        assertEquals(packageInfos.keySet(), rows.keySet(), "packages of main code against the rows of the table");
        for (final Map.Entry<String, String> entry : packageInfos.entrySet())
        {
            assertEquals(
                rows.get(entry.getKey()), entry.getValue(), entry.getKey() + ": table row vs package-info.java");
        }
    }

    private static Map<String, String> packageInfos() throws IOException
    {
        final Map<String, String> found = new TreeMap<>();
        try (Stream<Path> modules = Files.list(ROOT))
        {
            for (final Path sources : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList())
            {
                try (Stream<Path> files = Files.walk(sources))
                {
                    final Iterable<Path> dirs =
                        files.filter(Files::isDirectory).filter(ArchitectureDocTest::hasJava).toList();
                    for (final Path dir : dirs)
                    {
                        final String name = sources.relativize(dir).toString().replace('/', '.').replace('\\', '.');
                        final Path info = dir.resolve("package-info.java");
                        assertTrue(Files.exists(info), "no package-info.java in " + dir);
                        final Matcher javadoc = JAVADOC.matcher(read(info));
                        assertTrue(javadoc.find(), "no javadoc in " + info);
                        assertEquals(name, javadoc.group(2), info.toString());
                        found.put(name, normalise(javadoc.group(1).replaceAll("(?m)^\\s*\\*", " ")
                            .replaceAll("\\{@code\\s+([^}]*)}", "`$1`")));
                    }
                }
            }
        }
        return found;
    }

    private static boolean hasJava(final Path dir)
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static String normalise(final String text)
    {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static TreeSet<String> missing(final TreeSet<String> wanted, final TreeSet<String> present)
    {
        final TreeSet<String> missing = new TreeSet<>(wanted);
        missing.removeAll(present);
        return missing;
    }

    private static String read(final Path file) throws IOException
    {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
