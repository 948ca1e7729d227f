package io.pme.engine.state;

/**
 * Account state codes, numbered as the wire protocol's {@code AccountState}.
 */
public final class AccountStates
{
    public static final byte HEALTHY = 0;
    public static final byte RESTRICTED = 1;
    public static final byte LIQUIDATION = 2;
    public static final byte BANKRUPT = 3;
    public static final byte UNMARGINED = 4;

    private AccountStates()
    {
    }

    public static boolean mayOnlyReduceRisk(final byte state)
    {
        return RESTRICTED == state || LIQUIDATION == state || BANKRUPT == state;
    }
}
