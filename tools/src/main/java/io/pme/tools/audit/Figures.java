package io.pme.tools.audit;

import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;

/**
 * One account's figures as the engine keeps them in its record: equity, initial and maintenance margin, state.
 */
final class Figures
{
    double equity = Double.NaN;
    double initialMargin = Double.NaN;
    double maintenanceMargin = Double.NaN;
    byte state = AccountStates.UNMARGINED;
    boolean open;

    /** Reads the account's record, or no figures when {@code slot} is -1 (not opened). */
    void read(final Accounts accounts, final int slot)
    {
        open = slot >= 0;
        equity = open ? accounts.equity(slot) : Double.NaN;
        initialMargin = open ? accounts.initialMargin(slot) : Double.NaN;
        maintenanceMargin = open ? accounts.maintenanceMargin(slot) : Double.NaN;
        state = open ? accounts.state(slot) : AccountStates.UNMARGINED;
    }

    /** @return true when the figures differ in any bit, or the account was opened in between. */
    boolean differs(final Figures other)
    {
        return open != other.open || state != other.state ||
            Double.doubleToRawLongBits(equity) != Double.doubleToRawLongBits(other.equity) ||
            Double.doubleToRawLongBits(initialMargin) != Double.doubleToRawLongBits(other.initialMargin) ||
            Double.doubleToRawLongBits(maintenanceMargin) != Double.doubleToRawLongBits(other.maintenanceMargin);
    }

    void copy(final Figures other)
    {
        open = other.open;
        equity = other.equity;
        initialMargin = other.initialMargin;
        maintenanceMargin = other.maintenanceMargin;
        state = other.state;
    }

    /** @return MM / equity as the offline calculator's {@code marginRatio}, NaN when equity is not positive. */
    double marginRatio()
    {
        return equity > 0.0 ? maintenanceMargin / equity : Double.NaN;
    }

    /** @return the figures as the text trail prints them. */
    String text()
    {
        if (!open)
        {
            return "not open";
        }
        final double ratio = marginRatio();
        return "E " + money(equity) + " IM " + money(initialMargin) + " MM " + money(maintenanceMargin) + " ratio " +
            (Double.isNaN(ratio) ? "-" : String.format("%.2f%%", 100.0 * ratio)) + " " + AccountStates.name(state);
    }

    /** @return a price to six decimals, trailing zeros dropped: a stablecoin's 0.999966 as well as BTC's. */
    static String price(final double value)
    {
        return Double.isNaN(value) ? "-" :
            String.format("%,.6f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String money(final double value)
    {
        return Double.isNaN(value) ? "-" : String.format("%,.2f", value);
    }
}
