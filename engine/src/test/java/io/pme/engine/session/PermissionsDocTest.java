package io.pme.engine.session;

import io.pme.codecs.SessionRole;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/security.md's table of what each role may send is {@link Permissions} as it is: a row for every role a
 * sessions file can grant, naming exactly the templates that role may send, and every one of them readable by the
 * session layer (a template without a known block length is refused whatever the role).
 */
class PermissionsDocTest
{
    private static final Path DOC = Path.of("..", "docs", "security.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z]+)` \\| (`.*`) \\|$", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("`(\\w+)`");
    private static final int MAX_TEMPLATE_ID = 63;

    @Test
    void everyRoleHasARowNamingExactlyWhatItMaySend() throws IOException
    {
        final Map<String, TreeSet<String>> rows = rows();
        for (final SessionRole role : SessionRole.values())
        {
            if (SessionRole.NONE == role || SessionRole.NULL_VAL == role)
            {
                continue;
            }
            final TreeSet<String> documented = rows.remove(role.name());
            assertTrue(null != documented, role.name() + " has no row in " + DOC);
            final TreeSet<Integer> expected = new TreeSet<>();
            for (final String template : documented)
            {
                final int templateId = templateId(template);
                expected.add(templateId);
                assertNotEquals(Permissions.NO_FIELD, Permissions.blockLength(templateId), template);
            }
            final TreeSet<Integer> allowed = new TreeSet<>();
            for (int templateId = 0; templateId <= MAX_TEMPLATE_ID; templateId++)
            {
                if (Permissions.maySend(role, templateId))
                {
                    allowed.add(templateId);
                }
            }
            assertEquals(expected, allowed, role.name() + ": the row against Permissions");
        }
        assertTrue(rows.isEmpty(), "rows for roles the wire does not have: " + rows.keySet());
    }

    private static Map<String, TreeSet<String>> rows() throws IOException
    {
        final Map<String, TreeSet<String>> rows = new TreeMap<>();
        final Matcher row = ROW.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        while (row.find())
        {
            final TreeSet<String> templates = new TreeSet<>();
            final Matcher name = NAME.matcher(row.group(2));
            while (name.find())
            {
                templates.add(name.group(1));
            }
            rows.put(row.group(1), templates);
        }
        assertTrue(rows.size() > 1, "no role rows read from " + DOC);
        return rows;
    }

    private static int templateId(final String template)
    {
        try
        {
            return Class.forName("io.pme.codecs." + template + "Decoder").getField("TEMPLATE_ID").getInt(null);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new AssertionError("not a template of the schema: " + template, ex);
        }
    }
}
