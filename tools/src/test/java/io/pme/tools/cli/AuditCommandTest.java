package io.pme.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pme.engine.journal.JournalReader;
import io.pme.protocol.json.JsonFramePrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pme audit} on journals the real pipeline wrote: a simulated run, whose accounts' trails end with
 * {@code pme replay}'s digest line, name exactly the inputs addressed to them and export a portfolio that
 * {@code pme margin} margins as the engine did; and a script whose book totals are summed here by hand.
 */
class AuditCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A text line of an input addressed to the account: sequence, time, account, input, answer, figures. */
    private static final Pattern DIRECT_LINE = Pattern.compile("#\\d+ \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\d+ [A-Za-z]+" +
        "( \\w+=\\S+)*: [A-Z_]+( [A-Z_]+)?( wouldAccept=(TRUE|FALSE))? \\| " +
        "(not open|E \\S+ IM \\S+ MM \\S+ ratio \\S+ [A-Z]+)");
    private static final String[] ACCOUNT_FIELDS =
        { "accountId", "fromAccountId", "toAccountId", "bidderAccountId", "parentAccountId" };

    @TempDir
    Path dir;

    @Test
    void anAccountOfASimulatedRunIsAuditedAndItsExportedPortfolioMarginsAsTheEngine() throws IOException
    {
        final Path journal = dir.resolve("journal");
        final CliRun run = CliRun.of("run", "--duration", "5", "--accounts", "120", "--rate", "2000", "--seed", "7",
            "--journal", journal.toString(), "--aeron-dir", dir.resolve("aeron").toString(),
            "--threading-mode", "shared");
        assertEquals(0, run.code(), run.err());
        final String digestLine = CliRun.of("replay", "--journal", journal.toString()).lastOutLine();
        assertEquals(run.lastOutLine(), digestLine);

        // the first account holding options and a linear position: a market maker or a covered-call seller
        long account = -1;
        JsonNode portfolio = null;
        final Path portfolioFile = dir.resolve("portfolio.json");
        final Path paramsFile = dir.resolve("params.properties");
        CliRun audit = null;
        for (long id = 1_000_001L; id <= 1_000_060L && account < 0; id++)
        {
            audit = CliRun.of("audit", "--journal", journal.toString(), "--account", Long.toString(id), "--json",
                "--portfolio-out", portfolioFile.toString(), "--params-out", paramsFile.toString());
            assertEquals(0, audit.code(), audit.err());
            portfolio = JSON.readTree(portfolioFile.toFile());
            if (has(portfolio, "OPTION") && (has(portfolio, "PERPETUAL") || has(portfolio, "FUTURE") ||
                portfolio.get("balances").size() > 1))
            {
                account = id;
            }
        }
        assertTrue(account > 0, "no account with options among the first 60");
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : audit.outLines())
        {
            lines.add(JSON.readTree(line));
        }
        final JsonNode digests = lines.get(lines.size() - 1);
        assertEquals(digestLine, Pme.digestLine(Long.parseUnsignedLong(digests.get("stateDigest").asText(), 16),
            Long.parseUnsignedLong(digests.get("correlationDigest").asText(), 16)), "the audit replays to the digest");

        // the engine's figures at the end against the offline calculator on the exported files
        final JsonNode end = lines.get(lines.size() - 2);
        assertTrue(end.get("end").asBoolean(), end::toString);
        final CliRun margin = CliRun.of("margin", "--portfolio", portfolioFile.toString(), "--params",
            paramsFile.toString());
        assertEquals(0, margin.code(), margin.err() + " on " + portfolio);
        final JsonNode result = JSON.readTree(margin.out());
        final JsonNode figures = end.get("figures");
        assertWithinTolerance(result.get("initialMargin").asDouble(), figures.get("initialMargin").asDouble(), "IM");
        assertWithinTolerance(result.get("maintenanceMargin").asDouble(), figures.get("maintenanceMargin").asDouble(),
            "MM");
        assertEquals(result.get("state").asText(), figures.get("state").asText());

        // "addressed to the account": exactly the journal's inputs naming it, read here without the engine
        final TreeSet<Long> direct = new TreeSet<>();
        long byMarket = 0;
        for (final JsonNode line : lines)
        {
            if (line.has("direct") && line.get("direct").asBoolean())
            {
                assertEquals(account, line.get("account").asLong());
                direct.add(line.get("inputSequence").asLong());
            }
            else if (line.has("direct") || line.has("ticks"))
            {
                byMarket += line.has("ticks") ? line.get("ticks").asLong() : 1;
            }
        }
        assertEquals(naming(journal, account), direct);
        assertEquals(end.get("inputsDirect").asLong(), direct.size());
        assertEquals(end.get("inputsByMarket").asLong(), byMarket);
        assertTrue(byMarket > 0, "prices of what the account holds bear on its figures");

        // the text trail: the same inputs, one line each (ticks on their own lines), the same last line
        final CliRun text = CliRun.of("audit", "--journal", journal.toString(), "--account", Long.toString(account),
            "--ticks");
        assertEquals(0, text.code(), text.err());
        assertEquals(digestLine, text.lastOutLine());
        final List<String> directLines = text.outLines().stream().filter(l -> l.startsWith("#")).toList();
        assertEquals(direct.size(), directLines.size());
        for (final String line : directLines)
        {
            assertTrue(DIRECT_LINE.matcher(line).matches(), line);
        }
        assertEquals(byMarket, text.outLines().stream().filter(l -> l.startsWith("~ #")).count());

        severalAccountsEndOnTheDigest(journal, digestLine);
        bookStatesAreReplays(journal);
    }

    @Test
    void aScriptedBookAddsUpToWhatWasDepositedWithdrawnAndTraded() throws IOException
    {
        final Path journal = dir.resolve("journal");
        final Path script = dir.resolve("book.jsonl");
        Files.writeString(script, String.join(System.lineSeparator(),
            line("AssetDefinition", "08:00:00", 1, "\"assetId\":0,\"symbol\":\"USD\""),
            line("AssetDefinition", "08:00:00", 1, "\"assetId\":2,\"symbol\":\"BTC\""),
            line("InstrumentDefinition", "08:00:00", 1, "\"instrumentId\":0,\"underlyingAssetId\":2," +
                "\"kind\":\"PERPETUAL\",\"right\":\"NONE\",\"multiplier\":1,\"strike\":0,\"expiryNs\":0," +
                "\"symbol\":\"BTC-PERP\""),
            line("InstrumentDefinition", "08:00:00", 1, "\"instrumentId\":10,\"underlyingAssetId\":2," +
                "\"kind\":\"OPTION\",\"right\":\"CALL\",\"multiplier\":1,\"strike\":100000," +
                "\"expiry\":\"2026-12-25T08:00:00Z\",\"symbol\":\"BTC-25DEC26-100000-C\""),
            line("OraclePrice", "08:00:00", 2, "\"sourceId\":1,\"assetId\":2,\"price\":97000,\"sourceTimestampNs\":0"),
            line("OptionVolatility", "08:00:00", 2, "\"sourceId\":1,\"instrumentId\":10,\"volatility\":0.55," +
                "\"sourceTimestampNs\":0"),
            line("AccountOpen", "08:00:00", 1, "\"accountId\":1001,\"marginMode\":\"CROSS\""),
            line("AccountOpen", "08:00:00", 1, "\"accountId\":1002,\"marginMode\":\"CROSS\""),
            line("Deposit", "08:00:01", 1, "\"accountId\":1001,\"assetId\":0,\"amount\":50000"),
            line("Deposit", "08:00:01", 1, "\"accountId\":1002,\"assetId\":0,\"amount\":20000"),
            line("Deposit", "08:00:01", 1, "\"accountId\":1002,\"assetId\":2,\"amount\":1.5"),
            line("Withdrawal", "08:00:02", 1, "\"accountId\":1001,\"assetId\":0,\"amount\":1000.5"),
            line("Withdrawal", "08:00:02", 1, "\"accountId\":1002,\"assetId\":0,\"amount\":999999"),
            line("Fill", "08:00:03", 4, "\"accountId\":1001,\"instrumentId\":10,\"quantity\":-2,\"price\":1500," +
                "\"fee\":0.75,\"clientOrderId\":0"),
            line("Fill", "08:00:03", 4, "\"accountId\":1002,\"instrumentId\":0,\"quantity\":0.1,\"price\":97000," +
                "\"fee\":5,\"clientOrderId\":0"),
            line("OraclePrice", "08:00:04", 2, "\"sourceId\":1,\"assetId\":2,\"price\":97100,\"sourceTimestampNs\":0"),
            line("MarginQuery", "08:00:05", 1, "\"accountId\":1001,\"instrumentId\":-1,\"side\":\"BUY\"," +
                "\"quantity\":0,\"limitPrice\":0")) + System.lineSeparator());
        final CliRun scripted = CliRun.of("script", "--input", script.toString(), "--journal", journal.toString(),
            "--digest");
        assertEquals(0, scripted.code(), scripted.err());

        final CliRun audit = CliRun.of("audit", "--journal", journal.toString(), "--book", "--json");
        assertEquals(0, audit.code(), audit.err());
        final JsonNode book = JSON.readTree(audit.outLines().get(0)).get("book");
        // by hand: deposits, less the one withdrawal paid, plus the call's premium, less both fees
        assertEquals(50_000 + 20_000 - 1_000.5 + 2 * 1_500 - 0.75 - 5, book.at("/balances/USD/total").asDouble(), 1e-9);
        assertEquals(book.at("/balances/USD/ledger").asDouble(), book.at("/balances/USD/total").asDouble(), 1e-9);
        assertEquals(1.5, book.at("/balances/BTC/total").asDouble(), 0.0);
        assertEquals(2.0, book.at("/openInterest/BTC-25DEC26-100000-C/short").asDouble(), 0.0);
        assertEquals(0.1, book.at("/openInterest/BTC-PERP/long").asDouble(), 0.0);
        assertEquals(2, book.get("accounts").asInt());
        assertEquals(2, book.at("/accountsByState/HEALTHY").asInt());
        assertFalse(book.at("/insuranceFund/open").asBoolean());
        assertTrue(book.get("moneyConserved").asBoolean());
        assertEquals(scripted.lastOutLine(), CliRun.of("audit", "--journal", journal.toString(), "--book")
            .lastOutLine(), "the book's digest line is the script's");

        // the trail of 1002: its inputs with their answers (the refused withdrawal's reason), then the price tick
        final CliRun trail = CliRun.of("audit", "--journal", journal.toString(), "--account", "1002");
        assertEquals(0, trail.code(), trail.err());
        final List<String> lines = trail.outLines();
        assertEquals(List.of("AccountOpen", "Deposit", "Deposit", "Withdrawal", "Fill"),
            lines.stream().filter(l -> l.startsWith("#")).map(l -> l.split(" ")[3]).toList(), trail.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("#13 ") && l.contains("amount=999999.0: REJECTED " +
            "INSUFFICIENT_MARGIN | E ")), trail.out());
        assertTrue(lines.stream().anyMatch(
            l -> l.startsWith("~ #16 1002 1 input bore on its figures (OraclePrice 1; BTC 97,100) | E ")), trail.out());
        assertEquals(scripted.lastOutLine(), trail.lastOutLine());

        final CliRun query = CliRun.of("audit", "--journal", journal.toString(), "--account", "1001");
        assertTrue(query.outLines().stream().anyMatch(l -> l.startsWith("#17 ") && l.contains(" MarginQuery ") &&
            l.contains(": ANSWERED wouldAccept=FALSE | E ")), query.out());

        // --from and --to keep the lines of that window only, the figures still replayed from the start
        final CliRun window = CliRun.of("audit", "--journal", journal.toString(), "--account", "1001",
            "--from", "2026-11-24T08:00:02Z", "--to", Long.toString(1_795_507_203_000_000_000L));
        assertEquals(0, window.code(), window.err());
        assertEquals(List.of("Withdrawal", "Fill"),
            window.outLines().stream().filter(l -> l.startsWith("#")).map(l -> l.split(" ")[3]).toList(),
            window.out());
    }

    @Test
    void mistakesAreUsageErrorsAndAJournalOrAccountMissingFails() throws IOException
    {
        final Path journal = dir.resolve("journal");
        final Path script = dir.resolve("one.jsonl");
        Files.writeString(script, line("AccountOpen", "08:00:00", 1, "\"accountId\":7,\"marginMode\":\"CROSS\""));
        assertEquals(0, CliRun.of("script", "--input", script.toString(), "--journal", journal.toString()).code());

        final String j = journal.toString();
        for (final String[] args : new String[][]{
            {"audit", "--journal", j},
            {"audit", "--journal", j, "--account", "7", "--account", "8", "--portfolio-out", "p.json"},
            {"audit", "--journal", j, "--account", "7", "--from", "yesterday"},
            {"audit", "--journal", j, "--account", "7", "--from", "2026-11-24T09:00:00Z", "--to",
                "2026-11-24T08:00:00Z"},
            {"audit", "--journal", j, "--account", "seven"}})
        {
            final CliRun run = CliRun.of(args);
            assertEquals(ExitCodes.USAGE, run.code(), String.join(" ", args) + ": " + run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("pme audit: "), run.err());
        }
        final CliRun noJournal = CliRun.of("audit", "--journal", dir.resolve("none").toString(), "--account", "7");
        assertEquals(ExitCodes.FAILED, noJournal.code());
        assertEquals("pme audit: no journal directory at " + dir.resolve("none") + System.lineSeparator(),
            noJournal.err());
        final CliRun never = CliRun.of("audit", "--journal", j, "--account", "8", "--portfolio-out",
            dir.resolve("p.json").toString());
        assertEquals(ExitCodes.FAILED, never.code());
        assertTrue(never.err().startsWith("pme audit: account 8 was never opened"), never.err());
        assertFalse(Files.exists(dir.resolve("p.json")));
        final CliRun unwritable = CliRun.of("audit", "--journal", j, "--account", "7", "--portfolio-out",
            dir.resolve("no-such-directory").resolve("p.json").toString());
        assertEquals(ExitCodes.FAILED, unwritable.code());
        assertTrue(unwritable.err().startsWith("pme audit: cannot write: "), unwritable.err());
        assertEquals(1, unwritable.err().lines().count(), unwritable.err());
    }

    // forty accounts read after every input, their lines in journal order: still the replay's digest
    private static void severalAccountsEndOnTheDigest(final Path journal, final String digestLine)
    {
        final List<String> many = new ArrayList<>(List.of("audit", "--journal", journal.toString()));
        for (long id = 1_000_001L; id <= 1_000_040L; id++)
        {
            many.add("--account");
            many.add(Long.toString(id));
        }
        final CliRun several = CliRun.of(many.toArray(String[]::new));
        assertEquals(0, several.code(), several.err());
        assertEquals(digestLine, several.lastOutLine());
        long previous = 0;
        for (final String line : several.outLines().stream().filter(l -> l.startsWith("#")).toList())
        {
            final long sequence = Long.parseLong(line.substring(1, line.indexOf(' ')));
            assertTrue(sequence >= previous, line);
            previous = sequence;
        }
        assertEquals(40, several.outLines().stream().filter(l -> l.startsWith("account ")).count());
    }

    // the book of the same journal: its states are the engine's own counts, its money conserved
    private static void bookStatesAreReplays(final Path journal) throws IOException
    {
        final CliRun book = CliRun.of("audit", "--journal", journal.toString(), "--book", "--json");
        assertEquals(0, book.code(), book.err());
        final JsonNode report = JSON.readTree(book.outLines().get(0)).get("book");
        final JsonNode replay = JSON.readTree(CliRun.of("replay", "--journal", journal.toString(), "--json").out());
        final JsonNode states = report.get("accountsByState");
        assertEquals(replay.get("belowMaintenanceMargin").asLong(),
            states.get("LIQUIDATION").asLong() + states.get("BANKRUPT").asLong());
        assertEquals(replay.get("belowInitialMargin").asLong(), states.get("RESTRICTED").asLong() +
            states.get("LIQUIDATION").asLong() + states.get("BANKRUPT").asLong());
        assertEquals(replay.get("accounts").asLong(), report.get("accounts").asLong());
        assertTrue(report.get("moneyConserved").asBoolean(), report::toString);
    }

    private static String line(final String type, final String time, final int clientId, final String fields)
    {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"2026-11-24T" + time + "Z\",\"clientId\":" + clientId +
            "," + fields + "}";
    }

    private static boolean has(final JsonNode portfolio, final String kind)
    {
        for (final JsonNode instrument : portfolio.get("instruments"))
        {
            if (kind.equals(instrument.get("kind").asText()))
            {
                return true;
            }
        }
        return false;
    }

    // the input sequences (1 for the journal's first) of the journaled inputs that name the account
    private static TreeSet<Long> naming(final Path journal, final long account)
    {
        final TreeSet<Long> sequences = new TreeSet<>();
        final JsonFramePrinter printer = new JsonFramePrinter();
        final long[] sequence = {0};
        try (JournalReader reader = new JournalReader(journal))
        {
            reader.readAll((buffer, offset, length, index) ->
            {
                sequence[0]++;
                try
                {
                    final JsonNode frame = JSON.readTree(printer.print(buffer, offset, length));
                    for (final String field : ACCOUNT_FIELDS)
                    {
                        if (frame.has(field) && frame.get(field).asLong() == account)
                        {
                            sequences.add(sequence[0]);
                        }
                    }
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        return sequences;
    }

    // the engine's documented tolerance (docs/incremental-margin.md): |ΔIM| ≤ 1e-6 × IM + 0.01 USD, MM alike
    private static void assertWithinTolerance(final double calculator, final double engine, final String what)
    {
        assertTrue(Math.abs(calculator - engine) <= 1e-6 * Math.abs(calculator) + 0.01,
            what + ": calculator " + calculator + ", engine " + engine);
    }
}
