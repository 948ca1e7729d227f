package io.pme.engine.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ClientsTest
{
    @Test
    void theDigestDependsOnEveryClientsLastCorrelationIdAndNotOnTheOrderTheyCameIn()
    {
        final Clients a = new Clients(16);
        a.lastCorrelationId(3, 30);
        a.lastCorrelationId(1, 10);
        a.lastCorrelationId(2, 20);
        final Clients b = new Clients(16);
        b.lastCorrelationId(1, 10);
        b.lastCorrelationId(2, 20);
        b.lastCorrelationId(3, 30);
        assertEquals(a.digest(), b.digest());

        b.lastCorrelationId(2, 21);
        assertNotEquals(a.digest(), b.digest(), "one client one id further on");
        b.lastCorrelationId(2, 20);
        assertEquals(a.digest(), b.digest());
        b.lastCorrelationId(4, Long.MIN_VALUE + 1);
        assertNotEquals(a.digest(), b.digest(), "one client more");
        assertNotEquals(new Clients(16).digest(), a.digest());
    }
}
