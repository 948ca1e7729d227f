package io.pme.engine.rulebook;

import io.pme.codecs.RejectReason;

/**
 * Parameter identifiers of the ParameterUpdate admin message (SBE enum {@code ParameterId}) and the reject codes
 * {@link RiskParameters#apply(int, int, int, double, double)} answers with (SBE enum {@code RejectReason}).
 * <p>
 * The identifiers stay literal: {@code switch} statements need compile-time constants, and the parameter log in a
 * snapshot stores them. A test holds them to the wire's numbering. The reject codes are the wire's values.
 */
public final class ParameterIds
{
    public static final int PRICE_RANGE = 1;
    public static final int PNL_OFFSET = 2;
    public static final int VOL_RANGE_UP = 3;
    public static final int VOL_RANGE_DOWN = 4;
    public static final int MIN_VOL_FOR_SHOCK_UP = 5;
    public static final int SHORT_TERM_VEGA_POWER = 6;
    public static final int LONG_TERM_VEGA_POWER = 7;
    public static final int TAIL_SHOCK = 8;
    public static final int OPTION_CONTINGENCY = 9;
    public static final int LINEAR_CONTINGENCY = 10;
    public static final int MM_FACTOR = 11;
    public static final int RISK_FREE_RATE = 12;
    public static final int HAIRCUT_TIER = 13;
    public static final int CORRELATION_SET = 14;
    public static final int RESET_TO_DEFAULT = 15;
    /**
     * A liquidation rule ({@code index} the rule, docs/liquidation.md): applied by the liquidation package
     * ({@code LiquidationParameters}), never by {@link RiskParameters}, which answers it as an unknown parameter.
     */
    public static final int LIQUIDATION = 16;
    /** A rule of the guarded oracle ({@code index} the rule, docs/oracle.md): applied by the market package. */
    public static final int ORACLE = 17;
    /** Lists or delists source {@code index} of an asset (docs/oracle.md): applied by the market package. */
    public static final int ORACLE_SOURCE = 18;
    /**
     * Rulebook section 7: the underlying a wrapped asset stands for ({@code assetId} the wrapped asset, {@code value}
     * the underlying's asset id, −1 for none).
     */
    public static final int WRAPS = 19;
    /** Rulebook section 7: a wrapped asset's de-peg add-on per USD of |balance| × price. */
    public static final int DEPEG_SHOCK = 20;
    /** A borrowing rule ({@code index} the rule, docs/borrowing.md): applied by the borrowing package. */
    public static final int BORROW = 21;

    /** Applied: RejectReason NONE. */
    public static final int OK = RejectReason.NONE.value();
    /** RejectReason UNKNOWN_ASSET. */
    public static final int UNKNOWN_ASSET = RejectReason.UNKNOWN_ASSET.value();
    /** RejectReason INVALID_VALUE. */
    public static final int INVALID_VALUE = RejectReason.INVALID_VALUE.value();
    /** RejectReason NOT_AN_UNDERLYING. */
    public static final int NOT_AN_UNDERLYING = RejectReason.NOT_AN_UNDERLYING.value();
    /** RejectReason UNKNOWN_PARAMETER. */
    public static final int UNKNOWN_PARAMETER = RejectReason.UNKNOWN_PARAMETER.value();

    private ParameterIds()
    {
    }
}
