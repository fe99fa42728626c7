package dev.chatsequencer.timeline;

import dev.chatsequencer.web.openapi.SchemaRefs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Describes timeline entries type by type: one schema per entry type that requires exactly the fields that type has,
 * and {@code TimelineEntry}, one of them chosen by {@code type} (a discriminator). A single schema for every entry
 * would require a message's body of a membership change, or require nothing at all.
 */
@Component
class TimelineEntryApiDocs implements OpenApiCustomizer {

    static final String ENTRY = "TimelineEntry";
    /** The name springdoc gives the schema of {@link TimelineEntry} itself, replaced by the variants. */
    private static final String STORED_NAME = TimelineEntry.class.getAnnotation(
            io.swagger.v3.oas.annotations.media.Schema.class).name();
    private static final String PREFIX = "#/components/schemas/";
    private static final List<String> COMMON = List.of("conversationId", "seq", "type", "senderId",
            "clientMessageId", "sentAt");

    /** Each entry type: its schema's name, the fields it always has, and those it may leave out. */
    private record Variant(EntryType type, String schema, List<String> required, List<String> optional) {
    }

    private static final List<Variant> VARIANTS = List.of(
            // a deleted message keeps its seq without its body
            new Variant(EntryType.MESSAGE, "MessageEntry", List.of(), List.of("body", "editedAt", "deleted")),
            new Variant(EntryType.GROUP_CREATED, "GroupCreatedEntry", List.of("participants"), List.of("title")),
            new Variant(EntryType.PARTICIPANT_ADDED, "ParticipantAddedEntry", List.of("userId"), List.of()),
            new Variant(EntryType.PARTICIPANT_REMOVED, "ParticipantRemovedEntry", List.of("userId"), List.of()),
            // the new text, erased if the message is deleted later
            new Variant(EntryType.MESSAGE_EDITED, "MessageEditedEntry", List.of("targetSeq"), List.of("body")),
            new Variant(EntryType.MESSAGE_DELETED, "MessageDeletedEntry", List.of("targetSeq"), List.of()));

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void customise(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        Schema message = schemas.remove(STORED_NAME);
        Map<String, Schema> fields = message.getProperties();
        Schema entry = new Schema<>().description(message.getDescription() + "; clients skip types they do not know")
                .discriminator(new Discriminator().propertyName("type"));
        for (Variant variant : VARIANTS) {
            ObjectSchema schema = new ObjectSchema();
            schema.description("A timeline entry of type " + variant.type().wire());
            List<String> required = new ArrayList<>(COMMON);
            required.addAll(variant.required());
            List<String> names = new ArrayList<>(required);
            names.addAll(variant.optional());
            Map<String, Schema> properties = new LinkedHashMap<>();
            for (String name : names) {
                properties.put(name, fields.get(name));
            }
            properties.put("type", new StringSchema().description(fields.get("type").getDescription())
                    ._enum(List.of(variant.type().wire())).example(variant.type().wire()));
            schema.setProperties(properties);
            schema.setRequired(required);
            schemas.put(variant.schema(), schema);
            entry.addOneOfItem(new Schema<>().$ref(PREFIX + variant.schema()));
            entry.getDiscriminator().mapping(variant.type().wire(), PREFIX + variant.schema());
        }
        schemas.put(ENTRY, entry);
        SchemaRefs.retarget(openApi, PREFIX + STORED_NAME, PREFIX + ENTRY);
    }
}
