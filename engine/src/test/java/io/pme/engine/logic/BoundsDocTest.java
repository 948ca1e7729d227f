package io.pme.engine.logic;

import io.pme.codecs.LogonStatus;
import io.pme.codecs.ParameterId;
import io.pme.engine.borrowing.BorrowingParameters;
import io.pme.codecs.RejectReason;
import io.pme.engine.liquidation.LiquidationParameters;
import io.pme.engine.market.OracleParameters;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.pme.engine.logic.BoundsEngine.BIDDER;
import static io.pme.engine.logic.BoundsEngine.BTC;
import static io.pme.engine.logic.BoundsEngine.DAY;
import static io.pme.engine.logic.BoundsEngine.ETH;
import static io.pme.engine.logic.BoundsEngine.FILLED;
import static io.pme.engine.logic.BoundsEngine.FUTURE;
import static io.pme.engine.logic.BoundsEngine.NOW;
import static io.pme.engine.logic.BoundsEngine.OPTION;
import static io.pme.engine.logic.BoundsEngine.PERPETUAL;
import static io.pme.engine.logic.BoundsEngine.SOL_CALL;
import static io.pme.engine.logic.BoundsEngine.SOL_PERPETUAL;
import static io.pme.engine.logic.BoundsEngine.SOL_SPOT;
import static io.pme.engine.logic.BoundsEngine.SPOT;
import static io.pme.engine.logic.BoundsEngine.TRADER;
import static io.pme.engine.logic.BoundsEngine.USD;
import static io.pme.engine.logic.BoundsEngine.USDC;
import static io.pme.engine.logic.BoundsEngine.WBTC;
import static io.pme.engine.logic.BoundsEngine.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/bounds.md is exact: every inbound field of the schema and every parameter has a row, every reason it names
 * exists, and every row of a double field or parameter value states a set that the business logic accepts exactly
 * (probed at and around the ends of each part, at the values every field must get right, and at random doubles of
 * any bit pattern). A value outside is answered the row's reason; a value inside is never answered that reason (it
 * may still be refused for another: a withdrawal above the balance, say). Parameter values inside are applied. The
 * rows of the liquidation rules, one per rule, are the table of docs/liquidation.md and LiquidationParameters' own
 * bounds and defaults.
 */
class BoundsDocTest
{
    private static final Pattern CODE = Pattern.compile("`([A-Z][A-Z_]+)`");
    private static final Map<String, Probe> FIELD_PROBES = fieldProbes();
    private static final Set<String> DOUBLE = Set.of("double");
    private static final java.nio.file.Path LIQUIDATION_DOC = BoundsDoc.DOC.resolveSibling("liquidation.md");
    private static final Pattern LEADING_INDEX = Pattern.compile("^(\\d+)");
    private static final java.nio.file.Path BORROWING_DOC = BoundsDoc.DOC.resolveSibling("borrowing.md");
    private static final java.nio.file.Path ORACLE_DOC = BoundsDoc.DOC.resolveSibling("oracle.md");
    private static final Set<String> SET_PARAMETER_FIELDS = Set.of("ParameterSchedule.assetId",
        "ParameterSchedule.index", "ParameterSchedule.value", "ParameterSchedule.value2");
    // one for fields, one for parameters: the fields' liquidation probes need the rules they were built under
    private static BoundsEngine sharedForFields;
    private static BoundsEngine sharedForParameters;

    private final BoundsDoc doc = new BoundsDoc();

    /** Makes the input that carries the value in the row's field, every other field valid. */
    @FunctionalInterface
    interface Probe
    {
        String input(BoundsEngine engine, double value);
    }

    @Test
    void everyInboundFieldHasARowAndEveryDoubleFieldAProbedSet()
    {
        final List<List<String>> rows = doc.rows(BoundsDoc.INBOUND);
        final Set<String> keys = new TreeSet<>();
        for (final List<String> row : rows)
        {
            keys.add(BoundsDoc.plain(row.get(0)));
        }
        int fields = 0;
        for (final Map.Entry<String, String> field : BoundsDoc.inboundFields().entrySet())
        {
            final String name = field.getKey();
            fields++;
            // a parameter's fields are the parameters table's, in an update and in an entry of a set alike
            if ((name.startsWith("ParameterUpdate.") && !name.equals("ParameterUpdate.parameterId")) ||
                SET_PARAMETER_FIELDS.contains(name))
            {
                continue;
            }
            final List<String> forField = new ArrayList<>();
            for (final String key : keys)
            {
                if (key.equals(name) || key.startsWith(name + ", "))
                {
                    forField.add(key);
                }
            }
            assertFalse(forField.isEmpty(), name + " has no row in " + BoundsDoc.DOC);
            if (DOUBLE.contains(field.getValue()))
            {
                for (final String key : forField)
                {
                    assertNotNull(FIELD_PROBES.get(key), "no probe for the row " + key);
                }
            }
        }
        assertTrue(fields > 50, "inbound fields read from the schema: " + fields);
        for (final String key : FIELD_PROBES.keySet())
        {
            assertTrue(keys.contains(key), "probe for a row the document does not have: " + key);
        }
    }

    @Test
    void everyParameterHasARowAndEveryReasonNamedExists()
    {
        final Set<String> parameters = new TreeSet<>();
        for (final List<String> row : doc.rows(BoundsDoc.PARAMETERS))
        {
            parameters.add(BoundsDoc.plain(row.get(0)));
        }
        for (final ParameterId id : ParameterId.values())
        {
            if (ParameterId.NULL_VAL != id)
            {
                assertTrue(parameters.remove(id.name()), id.name() + " has no row");
            }
        }
        assertTrue(parameters.isEmpty(), "rows for parameters the wire does not have: " + parameters);

        final Set<String> reasons = new TreeSet<>();
        for (final RejectReason reason : RejectReason.values())
        {
            reasons.add(reason.name());
        }
        for (final LogonStatus status : LogonStatus.values())
        {
            reasons.add(status.name());
        }
        // notes may name any value of the schema's enums, and USD
        final Set<String> names = BoundsDoc.enumValues();
        names.add("USD");
        int named = 0;
        for (final String section : List.of(BoundsDoc.FRAMES, BoundsDoc.INBOUND))
        {
            for (final List<String> row : doc.rows(section))
            {
                final Matcher otherwise = CODE.matcher(row.get(2));
                while (otherwise.find())
                {
                    named++;
                    assertTrue(reasons.contains(otherwise.group(1)), row.get(0) + " refuses as " + otherwise.group(1));
                }
                final Matcher notes = CODE.matcher(row.get(3));
                while (notes.find())
                {
                    assertTrue(names.contains(notes.group(1)), row.get(0) + " names " + notes.group(1));
                }
            }
        }
        assertTrue(named > 50, "reasons named: " + named);
    }

    @Test
    void everyDoubleFieldIsAcceptedExactlyWithinItsSet()
    {
        final BoundsEngine engine = new BoundsEngine();
        int probed = 0;
        for (final List<String> row : doc.rows(BoundsDoc.INBOUND))
        {
            final String key = BoundsDoc.plain(row.get(0));
            final Probe probe = FIELD_PROBES.get(key);
            if (null == probe)
            {
                continue;
            }
            final BoundsDoc.ValueSet set = BoundsDoc.ValueSet.parse(row.get(1));
            assertNotNull(set, key + ": the accepted set is not in the document's notation: " + row.get(1));
            final RejectReason reason = RejectReason.valueOf(BoundsDoc.plain(row.get(2)));
            int accepted = 0;
            int refused = 0;
            for (final double value : set.probes())
            {
                if (fieldHolds(engine, key, probe, set, reason, value))
                {
                    accepted++;
                }
                else
                {
                    refused++;
                }
            }
            assertTrue(accepted >= 2 && refused >= 10, key + ": " + accepted + " accepted, " + refused + " refused");
            probed++;
        }
        assertEquals(FIELD_PROBES.size(), probed, "rows probed");
    }

    @Test
    void everyParameterValueIsAppliedExactlyWithinItsSet()
    {
        final BoundsEngine engine = new BoundsEngine();
        int probed = 0;
        for (final List<String> row : doc.rows(BoundsDoc.PARAMETERS))
        {
            for (final int column : new int[]{ 3, 4 })
            {
                final BoundsDoc.ValueSet set = BoundsDoc.ValueSet.parse(row.get(column));
                if (null == set)
                {
                    continue;
                }
                int applied = 0;
                for (final double value : set.probes())
                {
                    applied += parameterHolds(engine, row, column, set, value) ? 1 : 0;
                }
                assertTrue(applied >= 1, row.get(0) + " column " + column + ": nothing applied");
                probed++;
            }
        }
        // every value column and every value2 column but HAIRCUT_TIER's value (prose: it depends on the tiers) and
        // WRAPS' (an asset id), of a row per parameter, per liquidation, oracle and borrowing rule
        final int rows = ParameterId.values().length - 4 + LiquidationParameters.COUNT + OracleParameters.COUNT +
            BorrowingParameters.COUNT;
        assertEquals(2 * rows - 2, probed, "parameter columns probed");
    }

    @Test
    void liquidationRowsAreTheRulesOfTheLiquidationDocAndOfTheEngine() throws Exception
    {
        rulesAgree("LIQUIDATION", LIQUIDATION_DOC, LiquidationParameters.COUNT, LiquidationParameters.class,
            LiquidationParameters::min, LiquidationParameters::max, LiquidationParameters::defaultValue);
    }

    @Test
    void oracleRowsAreTheRulesOfTheOracleDocAndOfTheEngine() throws Exception
    {
        rulesAgree("ORACLE", ORACLE_DOC, OracleParameters.COUNT, OracleParameters.class,
            OracleParameters::min, OracleParameters::max, OracleParameters::defaultValue);
    }

    @Test
    void borrowingRowsAreTheRulesOfTheBorrowingDocAndOfTheEngine() throws Exception
    {
        rulesAgree("BORROW", BORROWING_DOC, BorrowingParameters.COUNT, BorrowingParameters.class,
            BorrowingParameters::min, BorrowingParameters::max, BorrowingParameters::defaultValue);
    }

    // one row per rule in bounds.md, the rule's own document and the engine: the same name, bounds and default
    private void rulesAgree(
        final String parameter, final java.nio.file.Path ruleDoc, final int count, final Class<?> rulesClass,
        final java.util.function.IntToDoubleFunction min, final java.util.function.IntToDoubleFunction max,
        final java.util.function.IntToDoubleFunction defaultValue) throws Exception
    {
        final Map<Integer, String[]> rules = rules(ruleDoc);
        assertEquals(count, rules.size(), "rules in " + ruleDoc);
        final Set<Integer> seen = new TreeSet<>();
        for (final List<String> row : doc.rows(BoundsDoc.PARAMETERS))
        {
            if (!parameter.equals(BoundsDoc.plain(row.get(0))))
            {
                continue;
            }
            final int index = indexFor(parameter, row.get(2));
            assertTrue(seen.add(index), "two rows for rule " + index);
            final String[] rule = rules.get(index);
            assertNotNull(rule, "rule " + index + " is not in " + ruleDoc);
            assertEquals(index, rulesClass.getField(rule[0]).getInt(null), rule[0]);
            assertTrue(row.get(2).contains("`" + rule[0] + "`"), "rule " + index + " is " + rule[0]);

            final BoundsDoc.ValueSet set = BoundsDoc.ValueSet.parse(row.get(3));
            assertNotNull(set, rule[0] + ": not in the notation");
            // "0, or 1e9 … 8.64e13, whole": a rule that may also be 0 beside its range
            final String written = rule[2];
            final boolean orZero = written.startsWith("0, or ");
            final String bounds = orZero ? written.substring("0, or ".length()) : written;
            final boolean whole = bounds.endsWith(", whole");
            final String[] ends = (whole ? bounds.substring(0, bounds.length() - ", whole".length()) : bounds)
                .replace(",", "").split(" … ");
            final List<Double> engine = List.of(min.applyAsDouble(index), max.applyAsDouble(index));
            final List<Double> setEnds = set.ends();
            assertEquals(engine, setEnds.subList(setEnds.size() - 2, setEnds.size()), rule[0] + " in " + BoundsDoc.DOC);
            assertEquals(orZero, setEnds.size() == 4 && setEnds.get(0) == 0.0 && setEnds.get(1) == 0.0,
                rule[0] + ": 0 allowed in one document, not the other");
            assertEquals(engine, List.of(Double.parseDouble(ends[0]), Double.parseDouble(ends[1])),
                rule[0] + " in " + ruleDoc);
            assertEquals(whole, set.isWhole(), rule[0] + ": whole in one document, not the other");

            final double fallback = defaultValue.applyAsDouble(index);
            assertEquals(fallback, leadingNumber(row.get(5)), rule[0] + " default in " + BoundsDoc.DOC);
            assertEquals(fallback, leadingNumber(rule[1]), rule[0] + " default in " + ruleDoc);
            assertTrue(set.contains(fallback), rule[0] + ": its default is outside its bounds");
        }
        assertEquals(count, seen.size(), parameter + " rows");
    }

    @Property(tries = 2_000)
    void randomDoublesInADoubleField(@ForAll("fieldRows") final List<String> row, @ForAll("doubles") final double v)
    {
        final String key = BoundsDoc.plain(row.get(0));
        fieldHolds(fieldEngine(), key, FIELD_PROBES.get(key), BoundsDoc.ValueSet.parse(row.get(1)),
            RejectReason.valueOf(BoundsDoc.plain(row.get(2))), v);
    }

    @Property(tries = 2_000)
    void randomDoublesInAParameterValue(
        @ForAll("parameterColumns") final Map.Entry<List<String>, Integer> column, @ForAll("doubles") final double v)
    {
        parameterHolds(parameterEngine(), column.getKey(), column.getValue(),
            BoundsDoc.ValueSet.parse(column.getKey().get(column.getValue())), v);
    }

    @Provide
    Arbitrary<List<String>> fieldRows()
    {
        final List<List<String>> rows = new ArrayList<>();
        for (final List<String> row : new BoundsDoc().rows(BoundsDoc.INBOUND))
        {
            if (FIELD_PROBES.containsKey(BoundsDoc.plain(row.get(0))))
            {
                rows.add(row);
            }
        }
        return Arbitraries.of(rows);
    }

    @Provide
    Arbitrary<Map.Entry<List<String>, Integer>> parameterColumns()
    {
        final List<Map.Entry<List<String>, Integer>> columns = new ArrayList<>();
        for (final List<String> row : new BoundsDoc().rows(BoundsDoc.PARAMETERS))
        {
            for (final int column : new int[]{ 3, 4 })
            {
                if (null != BoundsDoc.ValueSet.parse(row.get(column)))
                {
                    columns.add(Map.entry(row, column));
                }
            }
        }
        return Arbitraries.of(columns);
    }

    // Any bit pattern (NaNs and subnormals included), ordinary doubles, and doubles a few ulps from any end the
    // document names.
    @Provide
    Arbitrary<Double> doubles()
    {
        final List<Double> ends = new ArrayList<>();
        final BoundsDoc all = new BoundsDoc();
        for (final String section : List.of(BoundsDoc.INBOUND, BoundsDoc.PARAMETERS))
        {
            for (final List<String> row : all.rows(section))
            {
                for (final String cell : row)
                {
                    final BoundsDoc.ValueSet set = BoundsDoc.ValueSet.parse(cell);
                    if (null != set)
                    {
                        ends.addAll(set.ends());
                    }
                }
            }
        }
        final Arbitrary<Double> nearEnds = Arbitraries.of(ends).flatMap(end -> Arbitraries.integers().between(-4, 4)
            .map(ulps -> ulps(end, ulps)));
        return Arbitraries.oneOf(
            Arbitraries.longs().map(Double::longBitsToDouble),
            Arbitraries.doubles().between(-1e18, 1e18),
            Arbitraries.doubles().between(-1.0, 1.0),
            nearEnds);
    }

    private static double ulps(final double value, final int ulps)
    {
        double v = value;
        for (int i = 0; i < Math.abs(ulps); i++)
        {
            v = ulps > 0 ? Math.nextUp(v) : Math.nextDown(v);
        }
        return v;
    }

    private static BoundsEngine fieldEngine()
    {
        if (null == sharedForFields)
        {
            sharedForFields = new BoundsEngine();
        }
        return sharedForFields;
    }

    private static BoundsEngine parameterEngine()
    {
        if (null == sharedForParameters)
        {
            sharedForParameters = new BoundsEngine();
        }
        return sharedForParameters;
    }

    /** @return true when the value was accepted by the field's bound, after asserting that is what the set says. */
    private static boolean fieldHolds(
        final BoundsEngine engine, final String key, final Probe probe, final BoundsDoc.ValueSet set,
        final RejectReason reason, final double value)
    {
        final String input = probe.input(engine, value);
        final RejectReason answer = engine.send(input);
        if (set.contains(value))
        {
            assertNotEquals(reason, answer, () -> key + " = " + value + " is in " + set + ": " + input);
            if (input.contains("\"OrderCheck\"") && RejectReason.NONE == answer)
            {
                engine.applied(input("OrderDone", "\"accountId\":" + TRADER + ",\"clientOrderId\":" +
                    orderIdOf(input)));
            }
            return true;
        }
        assertEquals(reason, answer, () -> key + " = " + value + " is outside " + set + ": " + input);
        return false;
    }

    /** @return true when the value was applied, after asserting that is what the set says. */
    private static boolean parameterHolds(
        final BoundsEngine engine, final List<String> row, final int column, final BoundsDoc.ValueSet set,
        final double value)
    {
        final String name = BoundsDoc.plain(row.get(0));
        final BoundsDoc.ValueSet values = BoundsDoc.ValueSet.parse(row.get(3));
        final BoundsDoc.ValueSet values2 = BoundsDoc.ValueSet.parse(row.get(4));
        final double v = 3 == column ? value : null == values ? proseMember(name) : values.member();
        final double v2 = 4 == column ? value : values2.member();
        final String input = BoundsEngine.parameter(name, assetIdFor(row.get(1)), indexFor(name, row.get(2)), v, v2);
        final RejectReason answer = engine.send(input);
        if (set.contains(value))
        {
            assertEquals(RejectReason.NONE, answer, () -> name + " = " + value + " is in " + set + ": " + input);
            return true;
        }
        assertEquals(RejectReason.INVALID_VALUE, answer, () -> name + " " + value + " is outside " + set);
        return false;
    }

    // A value the prose of a value column accepts: WRAPS takes an underlying's asset id.
    private static double proseMember(final String parameter)
    {
        return "WRAPS".equals(parameter) ? BTC : 0.0;
    }

    private static int assetIdFor(final String appliesTo)
    {
        if (BoundsDoc.plain(appliesTo).startsWith("an asset that is no underlying"))
        {
            return WBTC;
        }
        switch (BoundsDoc.plain(appliesTo))
        {
            case "an underlying":
                return BTC;
            case "any asset":
                return USDC;
            default:
                // global, and the reset probed on a global parameter
                return -1;
        }
    }

    private static int indexFor(final String parameter, final String indexCell)
    {
        switch (parameter)
        {
            case "CORRELATION_SET":
                return 1;
            case "RESET_TO_DEFAULT":
                return ParameterId.MM_FACTOR.value();
            case "LIQUIDATION", "ORACLE", "BORROW":
                // a row per rule, the rule's index first in the cell
                final Matcher index = LEADING_INDEX.matcher(BoundsDoc.plain(indexCell));
                assertTrue(index.find(), parameter + " row without a rule index: " + indexCell);
                return Integer.parseInt(index.group(1));
            default:
                return 0;
        }
    }

    /** @return the rules table of a rule document: index to rule name, default and bounds, as written. */
    private static Map<Integer, String[]> rules(final java.nio.file.Path ruleDoc)
    {
        final Map<Integer, String[]> rules = new LinkedHashMap<>();
        try
        {
            boolean inSection = false;
            for (final String line : java.nio.file.Files.readAllLines(ruleDoc))
            {
                if (line.startsWith("## "))
                {
                    inSection = line.equals("## Rules and their bounds");
                }
                else if (inSection && line.matches("\\| \\d+ \\|.*"))
                {
                    final String[] cells = line.substring(1, line.length() - 1).split("\\|");
                    rules.put(Integer.parseInt(cells[0].trim()),
                        new String[]{ cells[1].trim().split(" ")[0], cells[2].trim(), cells[3].trim() });
                }
            }
        }
        catch (final java.io.IOException ex)
        {
            throw new AssertionError("cannot read " + ruleDoc, ex);
        }
        return rules;
    }

    // "1,000,000,000 (1 s)", "1e9 (1 s)", "0.25": the number before any remark
    private static double leadingNumber(final String cell)
    {
        return Double.parseDouble(BoundsDoc.plain(cell).split(" ")[0].replace(",", ""));
    }

    private static long orderIdOf(final String input)
    {
        final Matcher id = Pattern.compile("\"clientOrderId\":(\\d+)").matcher(input);
        assertTrue(id.find());
        return Long.parseLong(id.group(1));
    }

    private static Map<String, Probe> fieldProbes()
    {
        final Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("InstrumentDefinition.multiplier", (e, v) -> BoundsEngine.instrument(
            e.freshInstrumentId(), BTC, "OPTION", "CALL", v, 100_000, NOW + 30 * DAY));
        probes.put("InstrumentDefinition.strike, an option", (e, v) -> BoundsEngine.instrument(
            e.freshInstrumentId(), BTC, "OPTION", "PUT", 1, v, NOW + 30 * DAY));
        probes.put("InstrumentDefinition.strike, a perpetual or future", (e, v) -> BoundsEngine.instrument(
            e.freshInstrumentId(), BTC, "FUTURE", "NONE", 1, v, NOW + 60 * DAY));
        probes.put("Deposit.amount", (e, v) -> input("Deposit",
            "\"accountId\":" + TRADER + ",\"assetId\":" + USD + ",\"amount\":" + BoundsEngine.json(v)));
        probes.put("Withdrawal.amount", (e, v) -> input("Withdrawal",
            "\"accountId\":" + TRADER + ",\"assetId\":" + USD + ",\"amount\":" + BoundsEngine.json(v)));
        probes.put("OraclePrice.price, not USD", (e, v) -> BoundsEngine.oraclePrice(ETH, v));
        probes.put("OraclePrice.price, USD", (e, v) -> BoundsEngine.oraclePrice(USD, v));
        probes.put("OptionVolatility.volatility", (e, v) -> BoundsEngine.volatility(OPTION, v));
        probes.put("Fill.quantity", (e, v) -> BoundsEngine.fill(FILLED, PERPETUAL, v, SPOT, 0));
        probes.put("Fill.price, an option", (e, v) -> BoundsEngine.fill(FILLED, OPTION, 0.5, v, 0));
        probes.put("Fill.price, a perpetual or future", (e, v) -> BoundsEngine.fill(FILLED, FUTURE, -0.5, v, 0));
        probes.put("Fill.fee", (e, v) -> BoundsEngine.fill(FILLED, PERPETUAL, 0.01, SPOT, v));
        probes.put("OrderCheck.quantity", (e, v) -> BoundsEngine.check(PERPETUAL, "BUY", v, SPOT, e.freshOrderId()));
        probes.put("OrderCheck.limitPrice, an option", (e, v) ->
            BoundsEngine.check(OPTION, "BUY", 0.1, v, e.freshOrderId()));
        probes.put("OrderCheck.limitPrice, a perpetual or future", (e, v) ->
            BoundsEngine.check(FUTURE, "SELL", 0.1, v, e.freshOrderId()));
        probes.put("FundingPayment.amountPerContract", (e, v) -> input("FundingPayment",
            "\"instrumentId\":" + PERPETUAL + ",\"amountPerContract\":" + BoundsEngine.json(v)));
        probes.put("MarginQuery.quantity", (e, v) -> BoundsEngine.query(PERPETUAL, v, SPOT));
        probes.put("MarginQuery.limitPrice, an option", (e, v) -> BoundsEngine.query(OPTION, 0.1, v));
        probes.put("MarginQuery.limitPrice, a perpetual or future", (e, v) -> BoundsEngine.query(FUTURE, 0.1, v));
        // at the mark: no fill through the limit; the price probes fill a millionth of the order, which lasts
        probes.put("LiquidationFill.quantity", (e, v) ->
            BoundsEngine.liquidationFill(e.liquidationOrder(SOL_PERPETUAL), v, SOL_SPOT));
        probes.put("LiquidationFill.price, an option", (e, v) ->
            BoundsEngine.liquidationFill(e.liquidationOrder(SOL_CALL), 1e-6, v));
        probes.put("LiquidationFill.price, a perpetual or future", (e, v) ->
            BoundsEngine.liquidationFill(e.liquidationOrder(SOL_PERPETUAL), 1e-6, v));
        probes.put("AuctionBid.maxPrice", (e, v) -> BoundsEngine.bid(e.auction(), BIDDER, v));
        probes.put("AccountTransfer.amount", (e, v) -> e.transferBetweenLinked(v));
        return probes;
    }
}
