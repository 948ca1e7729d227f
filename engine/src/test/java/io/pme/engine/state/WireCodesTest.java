package io.pme.engine.state;

import io.pme.codecs.AccountState;
import io.pme.codecs.InstrumentKind;
import io.pme.codecs.MarginMode;
import io.pme.codecs.OptionRight;
import io.pme.codecs.ParameterId;
import io.pme.codecs.RejectReason;
import io.pme.engine.rulebook.ParameterIds;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every engine-side code that mirrors a wire enum equals the SBE value of the same name, both ways: each wire value
 * has its engine constant and each engine constant its wire value, so renumbering either side, or a new wire code
 * without an engine counterpart, fails here. The engine codes are stored in off-heap records and snapshots, which is
 * why they are constants of their own rather than the SBE enums.
 */
class WireCodesTest
{
    @Test
    void accountStatesAreTheWireAccountStates()
    {
        final Map<String, Long> engine = constants(AccountStates.class, "", byte.class);
        for (final AccountState state : AccountState.values())
        {
            if (AccountState.NULL_VAL != state)
            {
                assertEquals(Long.valueOf(state.value()), engine.remove(state.name()), state.name());
                assertEquals(state.name(), AccountStates.name(state.value()));
            }
        }
        assertTrue(engine.isEmpty(), "account states the wire does not have: " + engine);
    }

    @Test
    void parameterIdsAreTheWireParameterIds()
    {
        final Map<String, Long> engine = constants(ParameterIds.class, "", int.class);
        int count = 0;
        for (final ParameterId id : ParameterId.values())
        {
            if (ParameterId.NULL_VAL != id)
            {
                assertEquals(Long.valueOf(id.value()), engine.remove(id.name()), id.name());
                count++;
            }
        }
        assertEquals(21, count, "parameter ids on the wire");

        // what is left are the reject codes apply answers with, named as the wire's reasons (OK is NONE)
        assertEquals(Long.valueOf(RejectReason.NONE.value()), engine.remove("OK"));
        assertEquals(Map.of(
            "UNKNOWN_ASSET", (long)RejectReason.UNKNOWN_ASSET.value(),
            "INVALID_VALUE", (long)RejectReason.INVALID_VALUE.value(),
            "NOT_AN_UNDERLYING", (long)RejectReason.NOT_AN_UNDERLYING.value(),
            "UNKNOWN_PARAMETER", (long)RejectReason.UNKNOWN_PARAMETER.value()), engine);
    }

    @Test
    void marginModesAreTheWireMarginModes()
    {
        final Map<String, Long> engine = constants(Accounts.class, "", byte.class);
        for (final MarginMode mode : MarginMode.values())
        {
            if (MarginMode.NULL_VAL != mode)
            {
                assertEquals(Long.valueOf(mode.value()), engine.remove(mode.name()), mode.name());
            }
        }
        assertTrue(engine.isEmpty(), "margin modes the wire does not have: " + engine);
    }

    @Test
    void instrumentKindsAreTheWireInstrumentKinds()
    {
        final Map<String, Long> engine = constants(Instruments.class, "", byte.class);
        engine.keySet().removeIf(name -> name.startsWith("RIGHT_"));
        for (final InstrumentKind kind : InstrumentKind.values())
        {
            if (InstrumentKind.NULL_VAL != kind)
            {
                assertEquals(Long.valueOf(kind.value()), engine.remove(kind.name()), kind.name());
            }
        }
        // an undefined id has a code of its own, which no wire kind (nor the SBE null value) may share
        assertEquals(Long.valueOf(Instruments.UNDEFINED), engine.remove("UNDEFINED"));
        for (final InstrumentKind kind : InstrumentKind.values())
        {
            assertFalse(Instruments.UNDEFINED == kind.value(), kind.name());
        }
        assertTrue(engine.isEmpty(), "instrument kinds the wire does not have: " + engine);
    }

    @Test
    void optionRightsAreTheWireOptionRights()
    {
        final Map<String, Long> engine = constants(Instruments.class, "RIGHT_", byte.class);
        for (final OptionRight right : OptionRight.values())
        {
            if (OptionRight.NULL_VAL != right)
            {
                assertEquals(Long.valueOf(right.value()), engine.remove(right.name()), right.name());
            }
        }
        assertTrue(engine.isEmpty(), "option rights the wire does not have: " + engine);
    }

    @Test
    void accountStateRule()
    {
        assertEquals(AccountStates.HEALTHY, AccountStates.of(100.0, 100.0, 50.0));
        assertEquals(AccountStates.RESTRICTED, AccountStates.of(99.0, 100.0, 50.0));
        assertEquals(AccountStates.RESTRICTED, AccountStates.of(50.0, 100.0, 50.0));
        assertEquals(AccountStates.LIQUIDATION, AccountStates.of(49.0, 100.0, 50.0));
        assertEquals(AccountStates.BANKRUPT, AccountStates.of(0.0, 100.0, 50.0));
        assertEquals(AccountStates.BANKRUPT, AccountStates.of(-1.0, 0.0, 0.0));
        assertEquals(AccountStates.HEALTHY, AccountStates.of(0.0, 0.0, 0.0));
        assertEquals("UNMARGINED", AccountStates.name(-1));
        assertFalse(AccountStates.isBelowInitialMargin(AccountStates.HEALTHY));
        assertFalse(AccountStates.isBelowInitialMargin(AccountStates.UNMARGINED));
        assertTrue(AccountStates.isBelowInitialMargin(AccountStates.RESTRICTED));
        assertFalse(AccountStates.isBelowMaintenanceMargin(AccountStates.RESTRICTED));
        assertTrue(AccountStates.isBelowMaintenanceMargin(AccountStates.LIQUIDATION));
        assertTrue(AccountStates.isBelowMaintenanceMargin(AccountStates.BANKRUPT));
    }

    /**
     * The public static final constants of a type and name prefix, by name without the prefix.
     */
    private static Map<String, Long> constants(final Class<?> owner, final String prefix, final Class<?> type)
    {
        final Map<String, Long> constants = new HashMap<>();
        for (final Field field : owner.getFields())
        {
            final int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && type == field.getType() &&
                field.getName().startsWith(prefix))
            {
                try
                {
                    constants.put(field.getName().substring(prefix.length()), ((Number)field.get(null)).longValue());
                }
                catch (final IllegalAccessException ex)
                {
                    throw new AssertionError(ex);
                }
            }
        }
        return constants;
    }
}
