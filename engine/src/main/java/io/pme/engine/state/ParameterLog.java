package io.pme.engine.state;

import java.util.Arrays;

/**
 * Every risk-parameter change applied so far, in order. Parameters are the shipped defaults plus this log, so a
 * snapshot carries the log and a restore re-applies it.
 */
public final class ParameterLog
{
    private int[] parameterIds = new int[16];
    private int[] assetIds = new int[16];
    private int[] indices = new int[16];
    private double[] values = new double[16];
    private double[] values2 = new double[16];
    private int size;

    /** Forgets every update. */
    public void clear()
    {
        size = 0;
    }

    /** @return updates logged. */
    public int size()
    {
        return size;
    }

    /** Logs an applied update. */
    public void add(final int parameterId, final int assetId, final int index, final double value, final double value2)
    {
        if (size == parameterIds.length)
        {
            final int n = size * 2;
            parameterIds = Arrays.copyOf(parameterIds, n);
            assetIds = Arrays.copyOf(assetIds, n);
            indices = Arrays.copyOf(indices, n);
            values = Arrays.copyOf(values, n);
            values2 = Arrays.copyOf(values2, n);
        }
        parameterIds[size] = parameterId;
        assetIds[size] = assetId;
        indices[size] = index;
        values[size] = value;
        values2[size] = value2;
        size++;
    }

    /** @return the parameter id of the update. */
    public int parameterId(final int i)
    {
        return parameterIds[i];
    }

    /** @return the asset of the update, -1 for a global parameter. */
    public int assetId(final int i)
    {
        return assetIds[i];
    }

    /** @return the index of the update. */
    public int index(final int i)
    {
        return indices[i];
    }

    /** @return the value of the update. */
    public double value(final int i)
    {
        return values[i];
    }

    /** @return the second value of the update. */
    public double value2(final int i)
    {
        return values2[i];
    }
}
