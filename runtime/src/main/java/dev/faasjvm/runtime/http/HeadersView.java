package dev.faasjvm.runtime.http;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * Request headers as the API's case-insensitive {@code Map<String, List<String>>}, read straight
 * from Jetty's fields: a lookup costs no copy, and the full map is built only if a function
 * iterates it. Read-only; valid while the request is.
 */
final class HeadersView extends AbstractMap<String, List<String>> {
    private final HttpFields fields;
    private Map<String, List<String>> all;

    HeadersView(HttpFields fields) {
        this.fields = fields;
    }

    @Override
    public List<String> get(Object name) {
        if (!(name instanceof String)) {
            return null;
        }
        List<String> values = fields.getValuesList((String) name);
        return values.isEmpty() ? null : Collections.unmodifiableList(values);
    }

    @Override
    public boolean containsKey(Object name) {
        return name instanceof String && fields.contains((String) name);
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        if (all == null) {
            Map<String, List<String>> grouped = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (HttpField field : fields) {
                grouped.computeIfAbsent(field.getName(), ignored -> new ArrayList<>()).add(field.getValue());
            }
            grouped.replaceAll((name, values) -> List.copyOf(values));
            all = Collections.unmodifiableMap(grouped);
        }
        return all.entrySet();
    }
}
