package io.pme.gateway;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.pme.codecs.AccountState;
import io.pme.codecs.AckDecoder;
import io.pme.codecs.BooleanType;
import io.pme.codecs.CheckOutcome;
import io.pme.codecs.CheckResultDecoder;
import io.pme.codecs.MarginQueryResultDecoder;
import io.pme.codecs.MarginUpdateDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.RejectDecoder;
import io.pme.codecs.SessionChallengeDecoder;
import io.pme.codecs.SessionLogonResultDecoder;
import io.pme.protocol.LogonHandshake;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongHashSet;

/**
 * Polls the engine's outputs and dispatches what concerns one client to a {@link PmeClientListener}, in the manner
 * of Aeron's {@code ControlResponsePoller}: answers to the client's requests (only while they are in flight, so an
 * answer is delivered once and never after its timeout), margin updates of the accounts it follows, and session
 * frames to its {@link LogonHandshake}. Everything else on the shared output stream is skipped. Allocation-free.
 * Not thread-safe.
 */
public final class PmeClientPoller
{
    /**
     * The requests awaiting answers, as the poller sees them.
     */
    @FunctionalInterface
    public interface InFlight
    {
        /**
         * Takes an answered request out of flight.
         *
         * @param correlationId of the answer.
         * @return true when the request was in flight, so its answer is to be delivered.
         */
        boolean complete(long correlationId);
    }

    private final Subscription subscription;
    private final int clientId;
    private final boolean allAccounts;
    private final LongHashSet accounts = new LongHashSet();
    private final InFlight inFlight;
    private final LogonHandshake handshake;
    private final FragmentAssembler assembler = new FragmentAssembler(this::onFragment);
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final CheckResultDecoder checkResult = new CheckResultDecoder();
    private final MarginQueryResultDecoder queryResult = new MarginQueryResultDecoder();
    private final MarginUpdateDecoder marginUpdate = new MarginUpdateDecoder();
    private final RejectDecoder reject = new RejectDecoder();
    private final AckDecoder ack = new AckDecoder();
    private PmeClientListener listener;

    /**
     * @param subscription to the engine's outputs.
     * @param clientId     the client whose answers are delivered.
     * @param allAccounts  deliver the margin updates of every account.
     * @param accounts     otherwise, the accounts whose margin updates are delivered.
     * @param inFlight     the client's requests awaiting answers.
     * @param handshake    the client's logon, given the session frames.
     */
    public PmeClientPoller(
        final Subscription subscription,
        final int clientId,
        final boolean allAccounts,
        final long[] accounts,
        final InFlight inFlight,
        final LogonHandshake handshake)
    {
        this.subscription = subscription;
        this.clientId = clientId;
        this.allAccounts = allAccounts;
        for (final long account : accounts)
        {
            this.accounts.add(account);
        }
        this.inFlight = inFlight;
        this.handshake = handshake;
    }

    /**
     * @return the subscription to the engine's outputs this poller reads.
     */
    public Subscription subscription()
    {
        return subscription;
    }

    /**
     * Reads outputs and delivers those for this client to {@code listener}.
     *
     * @param listener      receives them, on this thread.
     * @param fragmentLimit fragments to read at most.
     * @return fragments read.
     */
    public int poll(final PmeClientListener listener, final int fragmentLimit)
    {
        this.listener = listener;
        return subscription.poll(assembler, fragmentLimit);
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        headerDecoder.wrap(buffer, offset);
        if (MessageHeaderDecoder.SCHEMA_ID != headerDecoder.schemaId())
        {
            return;
        }
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        switch (headerDecoder.templateId())
        {
            case CheckResultDecoder.TEMPLATE_ID:
                onCheckResult(buffer, bodyOffset, blockLength, version);
                break;
            case MarginQueryResultDecoder.TEMPLATE_ID:
                onQueryResult(buffer, bodyOffset, blockLength, version);
                break;
            case MarginUpdateDecoder.TEMPLATE_ID:
                onMarginUpdate(buffer, bodyOffset, blockLength, version);
                break;
            case RejectDecoder.TEMPLATE_ID:
                reject.wrap(buffer, bodyOffset, blockLength, version);
                if (reject.clientId() == clientId && inFlight.complete(reject.correlationId()))
                {
                    listener.onReject(reject.correlationId(), reject.templateId(), reject.reason());
                }
                break;
            case AckDecoder.TEMPLATE_ID:
                ack.wrap(buffer, bodyOffset, blockLength, version);
                if (ack.clientId() == clientId && inFlight.complete(ack.correlationId()))
                {
                    listener.onAck(ack.correlationId(), ack.templateId());
                }
                break;
            case SessionChallengeDecoder.TEMPLATE_ID:
            case SessionLogonResultDecoder.TEMPLATE_ID:
                handshake.onFrame(buffer, offset, length);
                break;
            default:
                // state digests and whatever a newer engine adds: not a client's business
                break;
        }
    }

    private void onCheckResult(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final CheckResultDecoder result = checkResult.wrap(buffer, offset, blockLength, version);
        if (result.clientId() == clientId && inFlight.complete(result.correlationId()))
        {
            listener.onCheckResult(result.correlationId(), result.accountId(), result.clientOrderId(),
                CheckOutcome.ACCEPTED == result.outcome(), result.reason(), result.state(), result.equity(),
                result.initialMargin(), result.maintenanceMargin(), result.shortfall());
        }
    }

    private void onQueryResult(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final MarginQueryResultDecoder result = queryResult.wrap(buffer, offset, blockLength, version);
        if (result.clientId() == clientId && inFlight.complete(result.correlationId()))
        {
            listener.onQueryResult(result.correlationId(), result.accountId(), result.instrumentId(),
                result.reason(), BooleanType.TRUE == result.wouldAccept(), result.state(), result.equity(),
                result.initialMargin(), result.maintenanceMargin(), result.afterEquity(),
                result.afterInitialMargin(), result.afterMaintenanceMargin());
        }
    }

    private void onMarginUpdate(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        final MarginUpdateDecoder update = marginUpdate.wrap(buffer, offset, blockLength, version);
        final long accountId = update.accountId();
        if (!allAccounts && !accounts.contains(accountId))
        {
            return;
        }
        final AccountState state = update.state();
        final AccountState previous = update.previousState();
        listener.onMarginUpdate(update.timestampNs(), accountId, state, previous, update.equity(),
            update.initialMargin(), update.maintenanceMargin());
        if ((AccountState.LIQUIDATION == state || AccountState.BANKRUPT == state) && state != previous)
        {
            listener.onLiquidation(update.timestampNs(), accountId, state, update.equity(),
                update.maintenanceMargin());
        }
    }
}
