package io.pme.engine.session;

import io.pme.codecs.SessionRole;
import io.pme.engine.StrictProperties;
import io.pme.protocol.SessionProof;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.LongHashSet;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The clients an engine admits, from a properties file:
 * <pre>
 * client.&lt;id&gt;.role=ADMIN|TRADER|FEED|EXCHANGE|LIQUIDATOR
 * client.&lt;id&gt;.secret=hex:&lt;hex&gt; | base64:&lt;base64&gt;   (at least 16 bytes)
 * client.&lt;id&gt;.key=&lt;keyId&gt;                        (optional, default 1)
 * client.&lt;id&gt;.accounts=* | 1001,1002,2000-2999     (accounts the client may act for)
 * client.&lt;id&gt;.sources=1,2                          (FEED: oracle source ids it may publish as)
 * </pre>
 * A LIQUIDATOR's accounts are the ones it may take an auctioned portfolio into (an {@code AuctionBid}'s
 * {@code bidderAccountId}); being one in this file is what registers a liquidator.
 * Errors name the offending key, never its value; a key given twice is refused with both its lines, so a stale
 * or pasted line cannot silently replace a secret, a role or an entitlement.
 */
public final class SessionsFile
{
    /** Shortest secret accepted: the protocol's. */
    public static final int MIN_SECRET_LENGTH = SessionProof.MIN_SECRET_LENGTH;
    private static final String PREFIX = "client.";

    private final Int2ObjectHashMap<ClientCredentials> clients = new Int2ObjectHashMap<>();

    private SessionsFile()
    {
    }

    /**
     * Reads and checks a sessions file.
     *
     * @throws IllegalArgumentException naming the first bad key (and its lines when it is given twice).
     */
    public static SessionsFile load(final Path file)
    {
        final Properties properties;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties = StrictProperties.load(reader, "sessions file " + file);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read sessions file " + file + ": " + ex.getMessage(), ex);
        }
        return parse(properties);
    }

    /**
     * Checks already-loaded properties in the file's format.
     */
    public static SessionsFile parse(final Properties properties)
    {
        final TreeSet<Integer> ids = new TreeSet<>();
        for (final String name : properties.stringPropertyNames())
        {
            if (!name.startsWith(PREFIX))
            {
                throw new IllegalArgumentException("unknown key in sessions file: " + name);
            }
            final String rest = name.substring(PREFIX.length());
            final int dot = rest.indexOf('.');
            if (dot <= 0)
            {
                throw new IllegalArgumentException("bad key in sessions file: " + name);
            }
            final int id = parseInt(rest.substring(0, dot), name);
            // negative ids are the engine's own (the SNAPSHOT input of a graceful stop is client -1)
            if (id < 0)
            {
                throw new IllegalArgumentException("a client id is not negative (those are the engine's): " + name);
            }
            ids.add(id);
        }

        final SessionsFile file = new SessionsFile();
        for (final int id : ids)
        {
            file.clients.put(id, client(properties, id));
        }
        return file;
    }

    private static ClientCredentials client(final Properties properties, final int id)
    {
        final String key = PREFIX + id + ".";
        for (final String name : properties.stringPropertyNames())
        {
            if (name.startsWith(key))
            {
                final String field = name.substring(key.length());
                if (!field.equals("role") && !field.equals("secret") && !field.equals("key") &&
                    !field.equals("accounts") && !field.equals("sources"))
                {
                    throw new IllegalArgumentException("unknown key in sessions file: " + name);
                }
            }
        }
        final String roleName = required(properties, key + "role").trim();
        final SessionRole role;
        try
        {
            role = SessionRole.valueOf(roleName);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("bad role for " + key + "role: " + roleName, ex);
        }
        if (SessionRole.NONE == role || SessionRole.NULL_VAL == role)
        {
            throw new IllegalArgumentException("bad role for " + key + "role: " + roleName);
        }
        final byte[] secret = secret(required(properties, key + "secret").trim(), key + "secret");
        final int keyId = parseInt(properties.getProperty(key + "key", "1").trim(), key + "key");

        final String accountsText = properties.getProperty(key + "accounts", "").trim();
        final LongHashSet accounts = new LongHashSet();
        final boolean allAccounts = "*".equals(accountsText);
        if (!allAccounts && !accountsText.isEmpty())
        {
            for (final String part : accountsText.split(","))
            {
                final String item = part.trim();
                final int dash = item.indexOf('-', 1);
                if (dash > 0)
                {
                    final long from = parseLong(item.substring(0, dash), key + "accounts");
                    final long to = parseLong(item.substring(dash + 1), key + "accounts");
                    if (to < from || to - from > 10_000_000)
                    {
                        throw new IllegalArgumentException("bad range in " + key + "accounts: " + item);
                    }
                    for (long account = from; account <= to; account++)
                    {
                        accounts.add(account);
                    }
                }
                else
                {
                    accounts.add(parseLong(item, key + "accounts"));
                }
            }
        }

        final IntHashSet sources = new IntHashSet();
        final String sourcesText = properties.getProperty(key + "sources", "").trim();
        if (!sourcesText.isEmpty())
        {
            for (final String part : sourcesText.split(","))
            {
                sources.add(parseInt(part.trim(), key + "sources"));
            }
        }
        return new ClientCredentials(id, keyId, secret, role, allAccounts, accounts, sources);
    }

    private static byte[] secret(final String text, final String key)
    {
        final byte[] secret;
        try
        {
            if (text.startsWith("hex:"))
            {
                secret = HexFormat.of().parseHex(text.substring(4));
            }
            else if (text.startsWith("base64:"))
            {
                secret = Base64.getDecoder().decode(text.substring(7));
            }
            else
            {
                throw new IllegalArgumentException("secret of " + key + " must start with hex: or base64:");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            // the parser's message may quote the secret: replace it
            throw new IllegalArgumentException("unreadable secret: " + key, null);
        }
        if (secret.length < MIN_SECRET_LENGTH)
        {
            throw new IllegalArgumentException("secret too short (< " + MIN_SECRET_LENGTH + " bytes): " + key);
        }
        return secret;
    }

    private static String required(final Properties properties, final String key)
    {
        final String value = properties.getProperty(key);
        if (null == value || value.isBlank())
        {
            throw new IllegalArgumentException("missing key in sessions file: " + key);
        }
        return value;
    }

    private static int parseInt(final String text, final String key)
    {
        try
        {
            return Integer.parseInt(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not an integer: " + key, null);
        }
    }

    private static long parseLong(final String text, final String key)
    {
        try
        {
            return Long.parseLong(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not an integer: " + key, null);
        }
    }

    /**
     * @return the credentials of a client, or null when the file does not name it.
     */
    public ClientCredentials client(final int clientId)
    {
        return clients.get(clientId);
    }

    /**
     * @return how many clients the file names.
     */
    public int size()
    {
        return clients.size();
    }
}
