package io.pme.gateway.example;

import io.aeron.CommonContext;
import io.pme.codecs.AccountState;
import io.pme.codecs.LogonStatus;
import io.pme.codecs.RejectReason;
import io.pme.codecs.Side;
import io.pme.gateway.CheckResponse;
import io.pme.gateway.PmeClient;
import io.pme.gateway.PmeClientListener;
import io.pme.gateway.QueryResponse;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A market maker's five minutes with pme: log on, ask for an account's margin, check orders (one that fits, one that
 * does not, one on an account this client may not touch), ask a what-if, then quote for a while with the
 * allocation-free poller while margin updates of its accounts stream in.
 * <p>
 * Against {@code scripts/pme run --sessions scripts/sessions.example.properties} it needs no arguments (client 7,
 * accounts 1000001 and 1000002 of the simulation, the example secret). Options: {@code --aeron-dir DIR},
 * {@code --client-id N}, {@code --secret-hex HEX}, {@code --accounts A,B}, {@code --seconds N},
 * {@code --instrument ID}, {@code --price P}.
 */
public final class MarketMakerExample
{
    /** The example secret of client 7 in scripts/sessions.example.properties: fake, public, for a laptop only. */
    private static final String EXAMPLE_SECRET =
        "00000000000000000000000000000000000000000000000000000000000fa4e7";

    private MarketMakerExample()
    {
    }

    /**
     * Runs the example against an engine on this machine and exits with its status.
     *
     * @param args options, as the class comment lists them.
     */
    public static void main(final String[] args)
    {
        final int status = run(args, System.out);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs the example, printing what happens.
     *
     * @param args options, as the class comment lists them.
     * @param out  where the example prints.
     * @return 0 when it ran through, 1 when there is no engine or the logon is refused.
     */
    public static int run(final String[] args, final PrintStream out)
    {
        final String aeronDir = option(args, "--aeron-dir", CommonContext.getAeronDirectoryName() + "-pme");
        final int clientId = Integer.parseInt(option(args, "--client-id", "7"));
        final long[] accounts = Arrays.stream(option(args, "--accounts", "1000001,1000002").split(","))
            .mapToLong(Long::parseLong).toArray();
        final long seconds = Long.parseLong(option(args, "--seconds", "10"));
        final int instrument = Integer.parseInt(option(args, "--instrument", "0"));
        final double price = Double.parseDouble(option(args, "--price", "95000"));
        final long account = accounts[0];

        final Printer printer = new Printer(out);
        try (PmeClient client = PmeClient.connect(new PmeClient.Context()
            .aeronDirectoryName(aeronDir)
            .clientId(clientId)
            .secretHex(option(args, "--secret-hex", EXAMPLE_SECRET))
            .accounts(accounts)
            .listener(printer)
            .maxInFlight(64)))
        {
            if (!client.isConnected())
            {
                out.println("no engine on " + aeronDir + ": start one with scripts/pme run --sessions " +
                    "scripts/sessions.example.properties --duration 300");
                return 1;
            }
            final LogonStatus logon = client.logon();
            out.println("logon as client " + clientId + ": " + logon);
            if (LogonStatus.ACCEPTED != logon)
            {
                return 1;
            }

            final QueryResponse now = client.query(account, -1, Side.BUY, 0, 0);
            out.printf("account %d is %s; with its open orders filled: equity %,.2f IM %,.2f MM %,.2f%n",
                account, now.state(), now.equity(), now.initialMargin(), now.maintenanceMargin());

            final long orderBase = System.currentTimeMillis() * 1_000;
            print(out, "small buy   ", client.check(account, instrument, Side.BUY, 0.01, price, orderBase + 1));
            print(out, "huge buy    ", client.check(account, instrument, Side.BUY, 10_000, price, orderBase + 2));
            print(out, "not my acct ", client.check(account + 2, instrument, Side.BUY, 0.01, price, orderBase + 3));

            final QueryResponse whatIf = client.query(account, instrument, Side.BUY, 1, price);
            out.printf("what if I bought 1 more: IM %,.2f -> %,.2f, would be %s (nothing reserved)%n",
                whatIf.initialMargin(), whatIf.afterInitialMargin(), whatIf.wouldAccept() ? "accepted" : "rejected");
            client.offerOrderDone(account, orderBase + 1);

            out.println("quoting for " + seconds + " s with the poller ...");
            final long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long nextQuoteNs = System.nanoTime();
            long orderId = orderBase + 100;
            while (System.nanoTime() < endNs)
            {
                if (System.nanoTime() >= nextQuoteNs)
                {
                    nextQuoteNs += TimeUnit.MILLISECONDS.toNanos(20);
                    final double size = 0 == (orderId & 7) ? 500 : 0.05;
                    final Side side = 0 == (orderId & 1) ? Side.BUY : Side.SELL;
                    final long result = client.offerCheck(
                        accounts[(int)(orderId % accounts.length)], instrument, side, size, price, ++orderId);
                    if (result < 0)
                    {
                        printer.notSent++;
                    }
                }
                if (0 == client.poll(printer, 32))
                {
                    Thread.onSpinWait();
                }
            }
            out.printf("checks: %,d accepted, %,d rejected (%s), %,d not sent (client-side refusals); " +
                "margin updates %,d, liquidations %,d%n", printer.accepted, printer.rejected,
                printer.lastReason, printer.notSent, printer.updates, printer.liquidations);
            return 0;
        }
    }

    private static void print(final PrintStream out, final String label, final CheckResponse response)
    {
        out.printf("%s -> %-8s %-20s IM after %,.2f equity %,.2f shortfall %,.2f%n", label,
            response.status(), response.reason(), response.initialMargin(), response.equity(), response.shortfall());
    }

    private static String option(final String[] args, final String name, final String defaultValue)
    {
        for (int i = 0; i < args.length - 1; i++)
        {
            if (name.equals(args[i]))
            {
                return args[i + 1];
            }
        }
        return defaultValue;
    }

    /** Allocation-free callbacks: counts, and prints the first few events of each kind. */
    private static final class Printer implements PmeClientListener
    {
        private final PrintStream out;
        private long accepted;
        private long rejected;
        private long notSent;
        private long updates;
        private long liquidations;
        private RejectReason lastReason = RejectReason.NONE;

        Printer(final PrintStream out)
        {
            this.out = out;
        }

        public void onCheckResult(
            final long correlationId, final long accountId, final long clientOrderId, final boolean accepted,
            final RejectReason reason, final AccountState state, final double equity, final double initialMargin,
            final double maintenanceMargin, final double shortfall)
        {
            if (accepted)
            {
                this.accepted++;
            }
            else
            {
                rejected++;
                lastReason = reason;
            }
            if (this.accepted + rejected <= 5)
            {
                out.printf("  check %d on %d: %s %s%n", clientOrderId, accountId,
                    accepted ? "ACCEPTED" : "REJECTED", accepted ? "" : reason);
            }
        }

        public void onMarginUpdate(
            final long timestampNs, final long accountId, final AccountState state, final AccountState previousState,
            final double equity, final double initialMargin, final double maintenanceMargin)
        {
            if (++updates <= 3)
            {
                out.printf("  margin update %d: %s equity %,.2f IM %,.2f MM %,.2f%n",
                    accountId, state, equity, initialMargin, maintenanceMargin);
            }
        }

        public void onLiquidation(
            final long timestampNs, final long accountId, final AccountState state, final double equity,
            final double maintenanceMargin)
        {
            liquidations++;
            out.printf("  LIQUIDATION %d: %s equity %,.2f MM %,.2f%n", accountId, state, equity,
                maintenanceMargin);
        }

        public void onReject(final long correlationId, final int templateId, final RejectReason reason)
        {
            rejected++;
            lastReason = reason;
        }
    }
}
