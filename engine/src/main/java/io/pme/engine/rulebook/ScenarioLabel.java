package io.pme.engine.rulebook;

/**
 * Text helpers for readable scenario labels (reports and the offline calculator, not the hot path).
 */
final class ScenarioLabel
{
    private static final String[] VOL_MODES = { "vol up", "vol unchanged", "vol down" };

    private ScenarioLabel()
    {
    }

    static String volModeName(final int mode)
    {
        return VOL_MODES[mode];
    }

    // Signed percentage with up to 4 decimals and no trailing zeros: +16%, -4.5%, 0%.
    static void appendPercent(final double shock, final StringBuilder out)
    {
        final long scaled = Math.round(shock * 1_000_000.0);
        if (scaled == 0)
        {
            out.append("0%");
            return;
        }
        out.append(scaled < 0 ? '-' : '+');
        final long magnitude = Math.abs(scaled);
        out.append(magnitude / 10_000);
        long fraction = magnitude % 10_000;
        if (fraction != 0)
        {
            int digits = 4;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            out.append('.');
            final String text = Long.toString(fraction);
            for (int i = text.length(); i < digits; i++)
            {
                out.append('0');
            }
            out.append(text);
        }
        out.append('%');
    }
}
