package io.pme.engine;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A Java properties file read as {@link Properties#load(Reader)} reads it (comments, blank lines, continuation
 * lines, escapes and separators alike), except that a key given twice is an error naming the key and both lines:
 * {@code Properties} would let the later value win silently, so a pasted block or a stale line could change a
 * secret, a role or a risk parameter without anyone seeing it.
 */
public final class StrictProperties
{
    private StrictProperties()
    {
    }

    /**
     * Reads every entry, refusing a repeated key.
     *
     * @param reader the file's text; not closed here.
     * @param source what the file is, for the error message, e.g. {@code "sessions file /etc/pme/sessions"}.
     * @return the entries.
     * @throws IOException              when the reader fails.
     * @throws IllegalArgumentException {@code <source>: <key>: given twice, at lines <first> and <second>}; the
     *                                  value is never quoted (it may be a secret).
     */
    public static Properties load(final Reader reader, final String source) throws IOException
    {
        final String text = readAll(reader);
        final Properties properties = new Properties();
        final Map<String, Integer> firstLines = new HashMap<>();
        final StringBuilder logicalLine = new StringBuilder();
        int logicalStart = 0;
        int lineNumber = 0;
        int position = 0;
        while (position < text.length())
        {
            final int end = lineEnd(text, position);
            final int next = afterTerminator(text, end);
            final String line = text.substring(position, end);
            lineNumber++;
            if (0 == logicalLine.length())
            {
                if (isBlankOrComment(line))
                {
                    position = next;
                    continue;
                }
                logicalStart = lineNumber;
            }
            // with its terminator: a continuation at the very end of the file means something else without one
            logicalLine.append(text, position, next);
            if (!continues(line))
            {
                add(logicalLine.toString(), logicalStart, source, properties, firstLines);
                logicalLine.setLength(0);
            }
            position = next;
        }
        if (logicalLine.length() > 0)
        {
            add(logicalLine.toString(), logicalStart, source, properties, firstLines);
        }
        return properties;
    }

    private static String readAll(final Reader reader) throws IOException
    {
        final StringBuilder text = new StringBuilder();
        final char[] chunk = new char[4096];
        int read;
        while ((read = reader.read(chunk)) >= 0)
        {
            text.append(chunk, 0, read);
        }
        return text.toString();
    }

    // Properties ends a line at \n, \r or \r\n, as BufferedReader does.
    private static int lineEnd(final String text, final int from)
    {
        int end = from;
        while (end < text.length() && '\n' != text.charAt(end) && '\r' != text.charAt(end))
        {
            end++;
        }
        return end;
    }

    private static int afterTerminator(final String text, final int end)
    {
        if (end >= text.length())
        {
            return end;
        }
        return '\r' == text.charAt(end) && end + 1 < text.length() && '\n' == text.charAt(end + 1) ? end + 2 : end + 1;
    }

    // One logical line is parsed by Properties itself, so keys, escapes and continuations mean exactly what
    // Properties.load makes of them; only the bookkeeping of lines is ours.
    private static void add(
        final String logicalLine,
        final int lineNumber,
        final String source,
        final Properties properties,
        final Map<String, Integer> firstLines) throws IOException
    {
        final Properties one = new Properties();
        one.load(new StringReader(logicalLine));
        for (final String key : one.stringPropertyNames())
        {
            final Integer first = firstLines.putIfAbsent(key, lineNumber);
            if (null != first)
            {
                throw new IllegalArgumentException(
                    source + ": " + key + ": given twice, at lines " + first + " and " + lineNumber);
            }
            properties.setProperty(key, one.getProperty(key));
        }
    }

    // Properties' own whitespace: space, tab and form feed; a comment starts with # or ! after it.
    private static boolean isBlankOrComment(final String line)
    {
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (' ' != c && '\t' != c && '\f' != c)
            {
                return '#' == c || '!' == c;
            }
        }
        return true;
    }

    // An odd number of trailing backslashes escapes the line end; an even number is escaped backslashes.
    private static boolean continues(final String line)
    {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && '\\' == line.charAt(i); i--)
        {
            backslashes++;
        }
        return 1 == (backslashes & 1);
    }
}
