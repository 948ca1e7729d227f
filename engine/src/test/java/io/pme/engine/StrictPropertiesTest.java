package io.pme.engine;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link StrictProperties} reads what {@link Properties#load} reads, and refuses exactly the files in which
 * {@code Properties} would let a later line replace an earlier one.
 */
class StrictPropertiesTest
{
    @Test
    void aRepeatedKeyNamesTheKeyAndBothLinesButNotTheValue()
    {
        final String text = String.join("\n",
            "# header",
            "a=1",
            "",
            "b = two \\",
            "    continued",
            "c:3",
            "b=SECRET-VALUE",
            "");
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> StrictProperties.load(new StringReader(text), "f"));
        assertEquals("f: b: given twice, at lines 4 and 7", ex.getMessage());
        assertFalse(ex.getMessage().contains("SECRET"), ex.getMessage());
    }

    @Test
    void keysThatOnlyLookAlikeAreDistinctAndEscapedOnesAreTheSame() throws IOException
    {
        // "a b" (escaped space) differs from "a" with value "b"; "k\u0065y" is "key" once unescaped
        final Properties read = StrictProperties.load(new StringReader("a\\ b=1\na b\nk\\u0065y=1\n"), "f");
        assertEquals(Set.of("a b", "a", "key"), read.stringPropertyNames());
        assertThrows(IllegalArgumentException.class,
            () -> StrictProperties.load(new StringReader("key=1\nk\\u0065y=2\n"), "f"));
        // a comment ending in a backslash continues nothing; an even run of backslashes is escaped backslashes
        assertEquals("\\", StrictProperties.load(new StringReader("# c \\\nx=\\\\\ny=1\n"), "f").getProperty("x"));
    }

    /**
     * On any text built from the characters that matter to the format, either both readers agree entry for entry,
     * or {@code Properties} saw a key twice and {@code StrictProperties} refused that key.
     */
    @Property(tries = 2_000)
    void readsWhatPropertiesReadsOrRefusesARepeatedKey(@ForAll("propertiesText") final String text)
        throws IOException
    {
        final RecordingProperties expected = new RecordingProperties();
        expected.load(new StringReader(text));
        if (null == expected.firstRepeated)
        {
            assertEquals(expected, StrictProperties.load(new StringReader(text), "f"), text);
        }
        else
        {
            final IllegalArgumentException ex = assertThrows(
                IllegalArgumentException.class, () -> StrictProperties.load(new StringReader(text), "f"), text);
            assertTrue(ex.getMessage().startsWith("f: " + expected.firstRepeated + ": given twice"), ex.getMessage());
        }
    }

    @Provide
    Arbitrary<String> propertiesText()
    {
        final Arbitrary<String> line = Arbitraries.of(
            List.of("a", "b", "=", ":", " ", "\t", "\\", "#", "!", "x", "\\u0061", "\\ ", "\\\\", "\r"))
            .list().ofMaxSize(6).map(parts -> String.join("", parts));
        return line.list().ofMaxSize(8).map(lines -> String.join("\n", lines));
    }

    /** Properties.load puts each entry in file order: the first key put twice is the one a reader must refuse. */
    private static final class RecordingProperties extends Properties
    {
        private static final long serialVersionUID = 1L;
        private final transient Set<Object> seen = new HashSet<>();
        private transient Object firstRepeated;

        @Override
        public synchronized Object put(final Object key, final Object value)
        {
            if (!seen.add(key) && null == firstRepeated)
            {
                firstRepeated = key;
            }
            return super.put(key, value);
        }
    }
}
