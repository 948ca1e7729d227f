package io.pme.tools;

import io.pme.engine.EngineConfiguration;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/configuration.md documents every engine property, with the default the code has.
 */
class ConfigurationDocTest
{
    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(pme\\.[\\w.]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);

    @Test
    void everyEnginePropertyHasARowWithItsDefault() throws Exception
    {
        final Map<String, String> rows = new TreeMap<>();
        final Matcher row = ROW.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        while (row.find())
        {
            rows.put(row.group(1), row.group(2).replace("`", "").trim());
        }
        int checked = 0;
        for (final Field field : EngineConfiguration.class.getFields())
        {
            if (!Modifier.isStatic(field.getModifiers()) || !field.getName().endsWith("_PROP_NAME"))
            {
                continue;
            }
            final String property = (String)field.get(null);
            assertTrue(rows.containsKey(property), property + " (" + field.getName() + ") is not in " + DOC);
            final String defaultName = field.getName().replace("_PROP_NAME", "_DEFAULT");
            final String documented = rows.get(property);
            final Object value = defaultValue(defaultName);
            assertEquals(null == value ? "none" : String.valueOf(value), documented, property + " default");
            checked++;
        }
        assertTrue(checked >= 20, "only " + checked + " properties found");
    }

    private static Object defaultValue(final String name) throws IllegalAccessException
    {
        try
        {
            return EngineConfiguration.class.getField(name).get(null);
        }
        catch (final NoSuchFieldException ex)
        {
            return null;
        }
    }
}
