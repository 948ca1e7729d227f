package io.pme.engine.recovery;

import io.pme.codecs.AckDecoder;
import io.pme.codecs.CheckOutcome;
import io.pme.codecs.CheckResultDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.RejectDecoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.StateDigestDecoder;
import org.agrona.DirectBuffer;

/**
 * Turns engine output frames into {@link Answers}; margin updates are not direct answers and are skipped.
 */
final class AnswerDecoder
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AckDecoder ack = new AckDecoder();
    private final RejectDecoder reject = new RejectDecoder();
    private final CheckResultDecoder checkResult = new CheckResultDecoder();
    private final StateDigestDecoder stateDigest = new StateDigestDecoder();
    private final Answers answers;

    AnswerDecoder(final Answers answers)
    {
        this.answers = answers;
    }

    void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case AckDecoder.TEMPLATE_ID:
                ack.wrap(buffer, bodyOffset, blockLength, version);
                answers.onAnswer(ack.clientId(), ack.correlationId(), Answers.Outcome.APPLIED, 0);
                break;

            case RejectDecoder.TEMPLATE_ID:
                reject.wrap(buffer, bodyOffset, blockLength, version);
                answers.onAnswer(reject.clientId(), reject.correlationId(), refusal(reject.reason()), 0);
                break;

            case CheckResultDecoder.TEMPLATE_ID:
                checkResult.wrap(buffer, bodyOffset, blockLength, version);
                answers.onAnswer(checkResult.clientId(), checkResult.correlationId(),
                    CheckOutcome.ACCEPTED == checkResult.outcome() ? Answers.Outcome.APPLIED : Answers.Outcome.REFUSED,
                    0);
                break;

            case StateDigestDecoder.TEMPLATE_ID:
                stateDigest.wrap(buffer, bodyOffset, blockLength, version);
                answers.onAnswer(
                    stateDigest.clientId(), stateDigest.correlationId(), Answers.Outcome.APPLIED, stateDigest.digest());
                break;

            default:
                break;
        }
    }

    private static Answers.Outcome refusal(final RejectReason reason)
    {
        return RejectReason.DUPLICATE_CORRELATION_ID == reason ? Answers.Outcome.DUPLICATE : Answers.Outcome.REFUSED;
    }
}
