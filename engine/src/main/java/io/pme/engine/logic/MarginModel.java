package io.pme.engine.logic;

/**
 * The seam between the business logic and the risk model: keeps every account's figures current in
 * {@link io.pme.engine.state.Accounts} and answers what-if questions for checks and withdrawals.
 */
public interface MarginModel
{
    /**
     * @return false when no risk model is loaded: checks are then refused, never answered with made-up figures.
     */
    boolean isLoaded();

    /**
     * Brings every account's stored figures to today's prices. A tick may leave an account whose figures it cannot
     * bring near a threshold to be moved when next read; bulk readers of the account table (digest) call this first.
     * An observation: what the model's state will do next is the same whether or not it is called.
     */
    void settle();

    /**
     * As {@link #settle()}, and every change the model keeps for accounts to take lazily is taken, so that the state
     * holds all of it: on the input that asks for a snapshot or a digest, before either (replay takes it on the same
     * input, whether or not it writes the snapshot).
     */
    void settleForSnapshot();

    /** Recomputes one account's figures into the account table. */
    void refresh(int slot);

    /** An asset's price changed: refresh every account it moves, telling the listener of each state change. */
    void onPrice(int assetId, MarginListener listener);

    /** An option's volatility changed. */
    void onVolatility(int instrumentId, MarginListener listener);

    /** State was restored from a snapshot: rebuild derived caches, leaving the restored figures as they are. */
    void onRestore();

    /** A parameter changed: every account is recomputed. */
    void onParametersChange(MarginListener listener);

    /**
     * An interest epoch moved the asset's debt index before an input that may yet be refused: until
     * {@link #onDebtIndexSettled()}, a check on an account holding the asset is decided on exact figures.
     *
     * @param assetId the asset whose debts grew.
     */
    default void onDebtIndexPending(final int assetId)
    {
    }

    /**
     * At the end of an applied input: a bounded share of the work interest epochs left (borrowers to review), so
     * that no input does more than its share.
     *
     * @param listener told of the state changes.
     */
    default void sweepDebts(final MarginListener listener)
    {
    }

    /**
     * Before a snapshot, which holds no work in progress: everything interest epochs left, done now.
     *
     * @param listener told of the state changes.
     */
    default void finishDebtSweeps(final MarginListener listener)
    {
    }

    /** The input that followed the epochs was decided: applied (its borrowers revalued) or refused (undone). */
    default void onDebtIndexSettled()
    {
    }

    /**
     * An interest epoch moved the asset's debt index and the input it preceded was applied: every account owing the
     * asset is revalued (rulebook section 8).
     *
     * @param assetId  the asset whose debts grew.
     * @param listener told of the state changes.
     */
    default void onDebtIndex(final int assetId, final MarginListener listener)
    {
        onAssetRiskChange(assetId, listener);
    }

    /**
     * The price range or haircuts in force for one asset changed: every account exposed to it is revalued.
     *
     * @param assetId  the asset.
     * @param listener told of the state changes.
     */
    default void onAssetRiskChange(final int assetId, final MarginListener listener)
    {
        onParametersChange(listener);
    }

    /**
     * The two sets of figures the acceptance rule decides a check on: the account with its open orders seen as
     * filled, then with the order filled at its limit too. A model whose figures are approximate makes them exact
     * wherever the decision is closer than its error.
     *
     * @param before filled with the figures without the order.
     * @param after  filled with the figures with the order.
     */
    default void check(
        final int slot, final int instrumentId, final double signedQuantity, final double limitPrice,
        final MarginFigures before, final MarginFigures after)
    {
        withOpenOrders(slot, before);
        whatIf(slot, instrumentId, signedQuantity, limitPrice, -1, 0.0, after);
    }

    /**
     * Figures of the account as if a trade of {@code signedQuantity} at {@code price} were added to its positions and
     * open orders, and its balance of {@code assetId} changed by {@code balanceDelta} (pass -1 for none).
     */
    void whatIf(
        int slot, int instrumentId, double signedQuantity, double price, int assetId, double balanceDelta,
        MarginFigures out);

    /** The figures the check compares: account as it stands, with its accepted open orders seen as filled. */
    void withOpenOrders(int slot, MarginFigures out);

    /**
     * A check of the account was accepted: the model may now take into the account what it kept for it lazily (a
     * check that is refused must leave the model as it was, so {@link #check} only observes).
     */
    default void orderAccepted(final int slot)
    {
    }

    /**
     * As {@link #whatIf}, always computed from the account's balances and positions, never from figures a model keeps
     * approximately: for decisions that must come out alike however the model skips work (liquidation). Open orders
     * count as filled, as in {@link #withOpenOrders}.
     */
    default void whatIfExact(
        final int slot, final int instrumentId, final double signedQuantity, final double price,
        final MarginFigures out)
    {
        whatIf(slot, instrumentId, signedQuantity, price, -1, 0.0, out);
    }

    /**
     * @return what a holding of the asset worth {@code notional} USD counts for as collateral (the rulebook's tiered
     * haircut).
     */
    default double collateralValue(final int assetId, final double notional)
    {
        return notional;
    }

    /**
     * @return the instrument's mark per unit of the underlying (the index for a linear instrument, the model's value
     * for an option), NaN when it cannot be priced.
     */
    default double markPrice(final int instrumentId)
    {
        return Double.NaN;
    }

    /**
     * @return how many accounts {@link #holder} lists for the instrument, a superset of those holding a position in it
     * (a caller checks the position itself); -1 when the model keeps no such list, and every account is to be looked
     * at instead.
     */
    default int holderCount(final int instrumentId)
    {
        return -1;
    }

    /**
     * @return the account slot at {@code index} of the instrument's holders, in an order of the model's (a caller
     * that needs an order sorts).
     */
    default int holder(final int instrumentId, final int index)
    {
        throw new UnsupportedOperationException("this model lists no holders");
    }

    /**
     * Figures of the account as if it had taken over every balance and position of {@code sourceSlot} (positions at
     * their entry prices) and paid {@code usdPaid} USD for them.
     */
    default void whatIfTakeover(final int slot, final int sourceSlot, final double usdPaid, final MarginFigures out)
    {
        out.set(Double.NaN, Double.NaN, Double.NaN, io.pme.engine.state.AccountStates.UNMARGINED);
    }

    /**
     * What sets the account's margin now, and what {@code quantity} of the instrument (-1 for none) brings to it.
     */
    default void explain(final int slot, final int instrumentId, final double quantity, final MarginExplanation out)
    {
        out.clear();
    }
}
