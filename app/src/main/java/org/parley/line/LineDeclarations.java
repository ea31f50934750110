package org.parley.line;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Lines declared in configuration: {@code parley.lines[0].id=main}, {@code .provider=twilio},
 * {@code .number=+19292038684}, {@code .name=Main office}, {@code .settings.<name>=<value>},
 * {@code .keyword-replies=PARLEY|PROVIDER}, {@code .help-text=...}.
 */
@ConfigurationProperties("parley")
record LineDeclarations(List<Declared> lines) {

    LineDeclarations {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    record Declared(String id, String name, String provider, String number, Map<String, String> settings,
                    KeywordReplies keywordReplies, String helpText) {
        Declared {
            settings = settings == null ? Map.of() : Map.copyOf(settings);
        }
    }
}
