package org.parley.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where plugins come from ({@code parley.plugins.*}). Checked at start.
 *
 * @param dir            the folder plugin archives are loaded from at start
 * @param maxUploadBytes the largest plugin archive an admin may upload, checked on the server
 */
@ConfigurationProperties("parley.plugins")
record PluginHostSettings(@DefaultValue("plugins") String dir,
                          @DefaultValue("104857600") long maxUploadBytes) {

    PluginHostSettings {
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("parley.plugins.dir must name a folder, e.g. plugins");
        }
        if (maxUploadBytes <= 0) {
            throw new IllegalStateException("parley.plugins.max-upload-bytes must be positive, e.g. 104857600");
        }
    }
}
