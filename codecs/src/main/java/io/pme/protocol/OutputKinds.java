package io.pme.protocol;

import io.pme.codecs.AckDecoder;
import io.pme.codecs.CheckResultDecoder;
import io.pme.codecs.MarginQueryResultDecoder;
import io.pme.codecs.RejectDecoder;
import io.pme.codecs.StateDigestDecoder;

/**
 * Which outbound frames answer an input. Every journaled input gets exactly one direct answer; everything else the
 * engine sends (margin updates, the liquidation's and the oracle's announcements, parameter versions) is an
 * announcement, and the session layer's frames answer the session layer's inputs. The one copy of that rule, for
 * every client that counts answers.
 */
public final class OutputKinds
{
    private OutputKinds()
    {
    }

    /**
     * @param templateId an outbound template id.
     * @return true for an Ack, Reject, CheckResult, StateDigest or MarginQueryResult.
     */
    public static boolean isDirectAnswer(final int templateId)
    {
        return AckDecoder.TEMPLATE_ID == templateId || RejectDecoder.TEMPLATE_ID == templateId ||
            CheckResultDecoder.TEMPLATE_ID == templateId || StateDigestDecoder.TEMPLATE_ID == templateId ||
            MarginQueryResultDecoder.TEMPLATE_ID == templateId;
    }
}
