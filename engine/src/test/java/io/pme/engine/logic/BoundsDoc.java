package io.pme.engine.logic;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * docs/bounds.md read as data: the rows of its tables by section, each accepted set in the document's notation as
 * a {@link ValueSet}, and the inbound fields of the SBE schema the tables must cover.
 */
final class BoundsDoc
{
    static final Path DOC = Path.of("..", "docs", "bounds.md");
    static final Path SCHEMA = Path.of("..", "codecs", "src", "main", "resources", "pme-schema.xml");
    static final String FRAMES = "Frames";
    static final String INBOUND = "Inbound fields";
    static final String PARAMETERS = "Risk parameters (`ParameterUpdate`)";

    private final Map<String, List<List<String>>> tables = new LinkedHashMap<>();

    BoundsDoc()
    {
        try
        {
            String section = "";
            for (final String line : Files.readAllLines(DOC, StandardCharsets.UTF_8))
            {
                if (line.startsWith("## "))
                {
                    section = line.substring(3).trim();
                }
                else if (line.startsWith("| `"))
                {
                    final List<String> cells = new ArrayList<>();
                    for (final String cell : line.substring(1, line.length() - 1).split("\\|", -1))
                    {
                        cells.add(cell.trim());
                    }
                    tables.computeIfAbsent(section, s -> new ArrayList<>()).add(cells);
                }
            }
        }
        catch (final java.io.IOException ex)
        {
            throw new AssertionError("cannot read " + DOC, ex);
        }
    }

    /** @return the rows of a section's table, each its cells; the first cell is the key. */
    List<List<String>> rows(final String section)
    {
        return tables.getOrDefault(section, List.of());
    }

    /** @return a cell's text without its code quotes. */
    static String plain(final String cell)
    {
        return cell.replace("`", "");
    }

    /**
     * @return every inbound field after the common prefix, as {@code Message.field} to its SBE type, from the schema
     * (templates below 100).
     */
    static Map<String, String> inboundFields()
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        try
        {
            final NodeList messages = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(SCHEMA.toFile()).getElementsByTagName("sbe:message");
            for (int m = 0; m < messages.getLength(); m++)
            {
                final Element message = (Element)messages.item(m);
                if (Integer.parseInt(message.getAttribute("id")) >= 100)
                {
                    continue;
                }
                final NodeList children = message.getElementsByTagName("field");
                for (int f = 3; f < children.getLength(); f++)
                {
                    final Element field = (Element)children.item(f);
                    fields.put(message.getAttribute("name") + "." + field.getAttribute("name"),
                        field.getAttribute("type"));
                }
            }
        }
        catch (final Exception ex)
        {
            throw new AssertionError("cannot read " + SCHEMA, ex);
        }
        return fields;
    }

    /** @return the name of every value of every enum of the schema. */
    static Set<String> enumValues()
    {
        final Set<String> names = new TreeSet<>();
        try
        {
            final NodeList values = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(SCHEMA.toFile()).getElementsByTagName("validValue");
            for (int v = 0; v < values.getLength(); v++)
            {
                names.add(((Element)values.item(v)).getAttribute("name"));
            }
        }
        catch (final Exception ex)
        {
            throw new AssertionError("cannot read " + SCHEMA, ex);
        }
        return names;
    }

    /**
     * A set of doubles in the document's notation: parts joined by " or ", each a number (exactly that value),
     * {@code [a, b]} or {@code ±[a, b]}; {@code whole in} before them keeps their whole numbers only.
     */
    static final class ValueSet
    {
        private static final String WHOLE = "whole in ";

        private final String text;
        private final boolean whole;
        private final List<double[]> intervals = new ArrayList<>();

        private ValueSet(final String text, final boolean whole)
        {
            this.text = text;
            this.whole = whole;
        }

        /** @return the set, or null when the text is not in the notation (prose). */
        static ValueSet parse(final String cell)
        {
            final String text = plain(cell);
            final boolean whole = text.startsWith(WHOLE);
            final ValueSet set = new ValueSet(text, whole);
            for (final String part : (whole ? text.substring(WHOLE.length()) : text).split(" or "))
            {
                final String p = part.trim();
                final boolean symmetric = p.startsWith("±");
                final String interval = symmetric ? p.substring(1) : p;
                try
                {
                    if (interval.startsWith("[") && interval.endsWith("]"))
                    {
                        final String[] ends = interval.substring(1, interval.length() - 1).split(",");
                        if (2 != ends.length)
                        {
                            return null;
                        }
                        final double low = Double.parseDouble(ends[0].trim());
                        final double high = Double.parseDouble(ends[1].trim());
                        set.intervals.add(new double[]{ low, high });
                        if (symmetric)
                        {
                            set.intervals.add(new double[]{ -high, -low });
                        }
                    }
                    else if (!symmetric && interval.matches("-?[0-9][0-9.e-]*"))
                    {
                        final double value = Double.parseDouble(interval);
                        set.intervals.add(new double[]{ value, value });
                    }
                    else
                    {
                        return null;
                    }
                }
                catch (final NumberFormatException ex)
                {
                    return null;
                }
            }
            return set;
        }

        boolean contains(final double value)
        {
            if (whole && value != Math.rint(value))
            {
                return false;
            }
            for (final double[] interval : intervals)
            {
                if (value >= interval[0] && value <= interval[1])
                {
                    return true;
                }
            }
            return false;
        }

        /** @return true when the set keeps the whole numbers of its parts only. */
        boolean isWhole()
        {
            return whole;
        }

        /** @return a value of the set: the lower end of its first part. */
        double member()
        {
            return intervals.get(0)[0];
        }

        /**
         * @return the ends of every part, the doubles next to them on both sides, a tenth and ten times each, and
         * the values every field must get right: zeros, subnormals, the smallest normal, ±1, huge ones, NaN and the
         * infinities.
         */
        List<Double> probes()
        {
            final List<Double> probes = new ArrayList<>(List.of(
                0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL, 1e-300,
                -1e-300, 1e-13, -1e-13, 0.5, -0.5, 1.0, -1.0, 1e16, -1e16, 1e308, -1e308, Double.MAX_VALUE,
                -Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
            for (final double end : ends())
            {
                probes.add(end);
                probes.add(Math.nextUp(end));
                probes.add(Math.nextDown(end));
                probes.add(end / 10);
                probes.add(end * 10);
                if (whole)
                {
                    // the whole numbers next to each end, and the halves between, on both sides
                    probes.add(end + 1);
                    probes.add(end - 1);
                    probes.add(end + 0.5);
                    probes.add(end - 0.5);
                }
            }
            return probes;
        }

        List<Double> ends()
        {
            final List<Double> ends = new ArrayList<>();
            for (final double[] interval : intervals)
            {
                ends.add(interval[0]);
                ends.add(interval[1]);
            }
            return ends;
        }

        @Override
        public String toString()
        {
            return text;
        }
    }
}
