package io.pme.tools;

import io.pme.dashboard.DashboardConfiguration;
import io.pme.engine.EngineConfiguration;
import io.pme.gateway.PmeClientConfiguration;
import io.pme.simulation.SimulationConfig;
import org.agrona.SystemUtil;
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
 * docs/configuration.md documents every property of the engine and of the client library, with the default the
 * code has.
 */
class ConfigurationDocTest
{
    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(pme\\.[\\w.]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);

    @Test
    void everyEnginePropertyHasARowWithItsDefault() throws Exception
    {
        assertTrue(checkEveryProperty(EngineConfiguration.class) >= 20, "too few engine properties found");
    }

    @Test
    void everyClientPropertyHasARowWithItsDefault() throws Exception
    {
        assertTrue(checkEveryProperty(PmeClientConfiguration.class) >= 7, "too few client properties found");
    }

    @Test
    void everyDashboardPropertyHasARowWithItsDefault() throws Exception
    {
        assertTrue(checkEveryProperty(DashboardConfiguration.class) >= 6, "too few dashboard properties found");
    }

    @Test
    void everySimulationPropertyHasARowWithItsDefault() throws Exception
    {
        assertTrue(checkEveryProperty(SimulationConfig.class) >= 1, "too few simulation properties found");
    }

    private static int checkEveryProperty(final Class<?> configuration) throws Exception
    {
        final Map<String, String> rows = new TreeMap<>();
        final Matcher row = ROW.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        while (row.find())
        {
            rows.put(row.group(1), row.group(2).replace("`", "").trim());
        }
        int checked = 0;
        for (final Field field : configuration.getFields())
        {
            if (!Modifier.isStatic(field.getModifiers()) || !field.getName().endsWith("_PROP_NAME"))
            {
                continue;
            }
            final String property = (String)field.get(null);
            assertTrue(rows.containsKey(property), property + " (" + field.getName() + ") is not in " + DOC);
            final String documented = rows.get(property);
            final String prefix = field.getName().replace("_PROP_NAME", "");
            final Object nanos = constant(configuration, prefix + "_DEFAULT_NS");
            if (null != nanos)
            {
                assertEquals(nanos, SystemUtil.parseDuration(property, documented), property + " default");
            }
            else
            {
                final Object value = constant(configuration, prefix + "_DEFAULT");
                assertEquals(null == value ? "none" : String.valueOf(value), documented, property + " default");
            }
            checked++;
        }
        return checked;
    }

    private static Object constant(final Class<?> configuration, final String name) throws IllegalAccessException
    {
        try
        {
            return configuration.getField(name).get(null);
        }
        catch (final NoSuchFieldException ex)
        {
            return null;
        }
    }
}
