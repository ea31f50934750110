package org.parley.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plugin.ChartExporter;
import org.parley.testsupport.exporter.ExporterPluginJar;
import org.parley.testsupport.exporter.FakeEhrExporter;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginState;

/**
 * A chart exporter plugin jar dropped into the plugins folder is loaded by the app's own plugin host wiring, like a
 * messaging provider: one instance, listed with the plugins, gone while disabled and back when enabled.
 */
class ChartExporterPluginIT {

    @TempDir
    Path pluginsDir;

    private PluginHostConfiguration.PluginHost host;

    @AfterEach
    void unloadPlugins() {
        if (host != null) {
            host.destroy();
        }
    }

    private ProviderRegistry start() {
        ExporterPluginJar.write(pluginsDir);
        host = new PluginHostConfiguration().pluginHost(pluginsDir.toString());
        return new ProviderRegistry(host);
    }

    @Test
    void anExporterJarInThePluginsFolderOffersItsChartExporterFromThePluginsClassLoader() {
        ProviderRegistry registry = start();

        assertThat(host.failures()).isEmpty();
        assertThat(registry.exporters()).singleElement().satisfies(exporter -> {
            assertThat(exporter.descriptor().id()).isEqualTo(FakeEhrExporter.ID);
            assertThat(exporter.descriptor().properties()).extracting(p -> p.name())
                    .containsExactly("ehrUrl", "token", "documents");
            assertThat(exporter.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
        });
        assertThat(registry.providers()).as("an exporter is no messaging provider").isEmpty();
        assertThat(registry.plugins()).singleElement().satisfies(info -> {
            assertThat(info.id()).isEqualTo(FakeEhrExporter.ID);
            assertThat(info.state()).isEqualTo("STARTED");
            assertThat(info.extensionPoints()).containsExactly("ChartExporter: test-ehr");
        });
    }

    @Test
    void theExporterIsOneInstanceHoweverOftenItIsLookedUp() {
        ProviderRegistry registry = start();

        ChartExporter exporter = registry.exporter(FakeEhrExporter.ID).orElseThrow();

        assertThat(registry.exporter(FakeEhrExporter.ID)).containsSame(exporter);
        registry.plugins();
        assertThat(host.manager().getExtensions(ChartExporter.class)).singleElement().isSameAs(exporter);
    }

    @Test
    void aDisabledExporterPluginOffersNothingUntilItIsEnabledAgain() {
        ProviderRegistry registry = start();
        ChartExporter before = registry.exporter(FakeEhrExporter.ID).orElseThrow();

        host.manager().disablePlugin(FakeEhrExporter.ID);

        assertThat(registry.exporters()).isEmpty();
        assertThat(host.manager().getPlugin(FakeEhrExporter.ID).getPluginState()).isEqualTo(PluginState.DISABLED);

        host.manager().enablePlugin(FakeEhrExporter.ID);
        host.manager().startPlugin(FakeEhrExporter.ID);

        assertThat(registry.exporter(FakeEhrExporter.ID)).get()
                .as("the stopped plugin's instance was dropped with its class loader").isNotSameAs(before)
                .satisfies(after -> assertThat(after.descriptor().id()).isEqualTo(FakeEhrExporter.ID));
        assertThat(registry.plugins()).singleElement()
                .satisfies(info -> assertThat(info.extensionPoints()).containsExactly("ChartExporter: test-ehr"));
    }
}
