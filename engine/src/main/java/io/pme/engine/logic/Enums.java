package io.pme.engine.logic;

import io.pme.codecs.AdminCommandType;
import io.pme.codecs.InstrumentKind;
import io.pme.codecs.MarginMode;
import io.pme.codecs.OptionRight;
import io.pme.codecs.ParameterId;
import io.pme.codecs.Side;

/**
 * Enum fields decoded from their raw codes. The SBE lookups throw on a code outside the schema, and an input frame
 * may carry any byte there: these answer NULL_VAL instead, which the handlers refuse as INVALID_ENUM.
 */
final class Enums
{
    private static final MarginMode[] MARGIN_MODES = MarginMode.values();
    private static final InstrumentKind[] KINDS = InstrumentKind.values();
    private static final OptionRight[] RIGHTS = OptionRight.values();
    private static final Side[] SIDES = Side.values();
    private static final AdminCommandType[] COMMANDS = AdminCommandType.values();
    private static final ParameterId[] PARAMETER_IDS = ParameterId.values();

    private Enums()
    {
    }

    static MarginMode marginMode(final short code)
    {
        for (final MarginMode mode : MARGIN_MODES)
        {
            if (mode.value() == code)
            {
                return mode;
            }
        }
        return MarginMode.NULL_VAL;
    }

    static InstrumentKind kind(final short code)
    {
        for (final InstrumentKind kind : KINDS)
        {
            if (kind.value() == code)
            {
                return kind;
            }
        }
        return InstrumentKind.NULL_VAL;
    }

    static OptionRight right(final short code)
    {
        for (final OptionRight right : RIGHTS)
        {
            if (right.value() == code)
            {
                return right;
            }
        }
        return OptionRight.NULL_VAL;
    }

    static Side side(final short code)
    {
        for (final Side side : SIDES)
        {
            if (side.value() == code)
            {
                return side;
            }
        }
        return Side.NULL_VAL;
    }

    static AdminCommandType command(final short code)
    {
        for (final AdminCommandType type : COMMANDS)
        {
            if (type.value() == code)
            {
                return type;
            }
        }
        return AdminCommandType.NULL_VAL;
    }

    static boolean isParameterId(final int code)
    {
        for (final ParameterId id : PARAMETER_IDS)
        {
            if (ParameterId.NULL_VAL != id && id.value() == code)
            {
                return true;
            }
        }
        return false;
    }
}
