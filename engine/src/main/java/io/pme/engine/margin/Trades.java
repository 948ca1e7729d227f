package io.pme.engine.margin;

/**
 * Hypothetical trades added to an account for a what-if: open orders seen as filled, or the order being checked.
 */
final class Trades
{
    private final int[] instruments;
    private final double[] quantities;
    private final double[] prices;
    private int count;

    Trades(final int capacity)
    {
        instruments = new int[capacity];
        quantities = new double[capacity];
        prices = new double[capacity];
    }

    void clear()
    {
        count = 0;
    }

    int count()
    {
        return count;
    }

    boolean add(final int instrumentId, final double signedQuantity, final double price)
    {
        if (count == instruments.length)
        {
            return false;
        }
        instruments[count] = instrumentId;
        quantities[count] = signedQuantity;
        prices[count] = price;
        count++;
        return true;
    }

    void removeLast()
    {
        count--;
    }

    int instrument(final int i)
    {
        return instruments[i];
    }

    double quantity(final int i)
    {
        return quantities[i];
    }

    double price(final int i)
    {
        return prices[i];
    }
}
