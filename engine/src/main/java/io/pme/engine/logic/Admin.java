package io.pme.engine.logic;

import io.pme.codecs.RejectReason;
import io.pme.engine.borrowing.Lender;
import io.pme.engine.liquidation.Liquidator;
import io.pme.engine.market.Oracle;
import io.pme.engine.rulebook.ParameterIds;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.StateSnapshot;

/**
 * Parameter changes, snapshots and the state digest.
 */
final class Admin
{
    private final EngineState state;
    private final RiskModelBinding risk;
    private final MarginNotifier notifier;
    private final SnapshotSink snapshotSink;
    private final Liquidator liquidator;
    private final Oracle oracle;
    private final Lender lender;
    private static final int BORROW = ParameterIds.BORROW;
    private static final int ORACLE = ParameterIds.ORACLE;
    private static final int ORACLE_SOURCE = ParameterIds.ORACLE_SOURCE;
    private static final RejectReason[] REASONS = RejectReason.values();
    private static final int LIQUIDATION = ParameterIds.LIQUIDATION;

    private final StateSnapshot snapshot = new StateSnapshot();

    Admin(
        final EngineState state,
        final RiskModelBinding risk,
        final MarginNotifier notifier,
        final SnapshotSink snapshotSink,
        final Liquidator liquidator,
        final Oracle oracle,
        final Lender lender)
    {
        this.lender = lender;
        this.oracle = oracle;
        this.liquidator = liquidator;
        this.state = state;
        this.risk = risk;
        this.notifier = notifier;
        this.snapshotSink = snapshotSink;
    }

    /**
     * Applies a parameter to the model it belongs to: a liquidation rule to the waterfall, an oracle rule to the
     * oracle, a borrowing rule to the lender, any other to the risk model.
     *
     * @return 0 when applied, else the wire code of the reject reason.
     */
    int reapply(final int parameterId, final int assetId, final int index, final double value, final double value2)
    {
        if (LIQUIDATION == parameterId)
        {
            return liquidator.parameters().apply(assetId, index, value, value2).value();
        }
        if (BORROW == parameterId)
        {
            return lender.parameters().apply(assetId, index, value, value2).value();
        }
        if (ORACLE == parameterId)
        {
            return oracle.parameters().apply(assetId, index, value, value2).value();
        }
        if (ORACLE_SOURCE == parameterId)
        {
            return oracle.parameters().applySource(assetId, index, value, value2).value();
        }
        return risk.applyParameter(parameterId, assetId, index, value, value2);
    }

    /** @return the reject reason of a wire code, INVALID_VALUE for one that names none. */
    static RejectReason reasonOf(final int code)
    {
        for (final RejectReason reason : REASONS)
        {
            if (reason.value() == code && RejectReason.NULL_VAL != reason)
            {
                return reason;
            }
        }
        return RejectReason.INVALID_VALUE;
    }

    /** On a SNAPSHOT or DIGEST input, before either: every change kept for accounts to take lazily is taken. */
    void settleForSnapshot()
    {
        risk.model().settleForSnapshot();
    }

    boolean takeSnapshot(final long journalIndex)
    {
        risk.model().settle();
        return snapshotSink.takeSnapshot(journalIndex);
    }

    void takeScheduledSnapshot(final long journalIndex)
    {
        risk.model().settleForSnapshot();
        risk.model().settle();
        snapshotSink.takeScheduledSnapshot(journalIndex);
    }

    long digest()
    {
        risk.model().settle();
        return snapshot.digest(state) ^ risk.parametersDigest();
    }
}
