package dev.chatsequencer.web.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Points every use of one component schema at another, wherever it is used: in other schemas (properties, items,
 * compositions) and in the bodies of requests and responses.
 */
public final class SchemaRefs {

    private SchemaRefs() {
    }

    /** Every {@code $ref} to {@code from} in the document becomes one to {@code to}. */
    public static void retarget(OpenAPI openApi, String from, String to) {
        Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        openApi.getComponents().getSchemas().values().forEach(schema -> walk(schema, from, to, seen));
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getRequestBody() != null) {
                walk(operation.getRequestBody().getContent(), from, to, seen);
            }
            operation.getResponses().values().forEach(response -> walk(response.getContent(), from, to, seen));
        }));
    }

    /** Every {@code $ref} to {@code from} in the response's body becomes one to {@code to}. */
    public static void retarget(ApiResponse response, String from, String to) {
        walk(response.getContent(), from, to, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** Whether the schema admits null: OpenAPI 3.0's {@code nullable}, or 3.1's {@code null} among its types. */
    static boolean nullable(Schema<?> schema) {
        return Boolean.TRUE.equals(schema.getNullable())
                || (schema.getTypes() != null && schema.getTypes().contains("null"));
    }

    private static void walk(Content content, String from, String to, Set<Schema<?>> seen) {
        if (content != null) {
            content.values().forEach(media -> walk(media.getSchema(), from, to, seen));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void walk(Schema schema, String from, String to, Set<Schema<?>> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        if (from.equals(schema.get$ref())) {
            if (nullable(schema)) {
                // OpenAPI 3.1 applies a $ref's siblings too: "type: null" beside it would refuse every object
                schema.set$ref(null);
                schema.setTypes(null);
                schema.setType(null);
                schema.setNullable(null);
                schema.setAnyOf(List.of(new Schema<>().$ref(to), new Schema<>().types(Set.of("null"))));
            } else {
                schema.set$ref(to);
            }
        }
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null) {
            properties.values().forEach(property -> walk(property, from, to, seen));
        }
        walk(schema.getItems(), from, to, seen);
        for (List<Schema> composed : new List[] {schema.getOneOf(), schema.getAnyOf(), schema.getAllOf()}) {
            if (composed != null) {
                composed.forEach(part -> walk(part, from, to, seen));
            }
        }
    }
}
