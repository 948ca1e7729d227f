package io.pme.protocol.json;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fails when the schema gains or changes a message the template table does not describe.
 */
class SchemaCoverageTest
{
    private static final String SBE_NAMESPACE = "http://fixprotocol.io/2016/sbe";

    @Test
    void everySchemaMessageHasATemplateWithTheSameFieldsInOrder() throws Exception
    {
        final Templates templates = new Templates();
        final NodeList messages = schema().getElementsByTagNameNS(SBE_NAMESPACE, "message");

        for (int i = 0; i < messages.getLength(); i++)
        {
            final Element message = (Element)messages.item(i);
            final String name = message.getAttribute("name");
            final Template<?, ?> template = templates.byName(name);
            assertNotNull(template, "no template for " + name);
            assertEquals(Integer.parseInt(message.getAttribute("id")), template.templateId(), name);
            assertPrefixThenFields(message, template);
        }
        assertEquals(messages.getLength(), templates.all().size());
    }

    private static void assertPrefixThenFields(final Element message, final Template<?, ?> template)
    {
        final NodeList fields = message.getElementsByTagName("field");
        final List<String> schemaFields = new ArrayList<>();
        for (int i = 0; i < fields.getLength(); i++)
        {
            final Element field = (Element)fields.item(i);
            schemaFields.add(field.getAttribute("name") + ":" + field.getAttribute("type"));
        }

        final List<String> expected = new ArrayList<>(List.of(
            Prefix.TIMESTAMP_NS + ":int64", Prefix.CORRELATION_ID + ":int64", Prefix.CLIENT_ID + ":int32"));
        for (final Field<?, ?> field : template.fields())
        {
            expected.add(field.name());
        }

        final List<String> actual = new ArrayList<>(schemaFields.subList(0, 3));
        schemaFields.subList(3, schemaFields.size()).forEach((entry) -> actual.add(entry.split(":")[0]));
        assertEquals(expected, actual, template.name());
    }

    private static Document schema() throws Exception
    {
        try (InputStream in = SchemaCoverageTest.class.getClassLoader().getResourceAsStream("pme-schema.xml"))
        {
            assertNotNull(in, "pme-schema.xml not on the classpath");
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(in);
        }
    }
}
