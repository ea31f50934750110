package org.parley.line.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.parley.security.StaffFixtures;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** "Test connection" on a line asks its provider, here the sandbox carrier over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:line-connection;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class LineConnectionIT extends KaribuTest {

    @Autowired
    StaffFixtures staff;

    @Test
    void testingTheSandboxLineReportsThatTheCarrierAcceptedItsSecret() {
        staff.firstAdmin("admin", "Ada Admin", "a long enough password");
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/lines");
        LinesView view = _get(LinesView.class);
        int row = IntStream.range(0, _size(view.grid))
                .filter(i -> _getFormattedRow(view.grid, i).getFirst().equals("sandbox")).findFirst().orElseThrow();
        view.grid.select(GridKt._get(view.grid, row));

        _click(_get(Button.class, spec -> spec.withId("test-connection")));

        assertThat(_get(Span.class, spec -> spec.withId("connection-result")).getText())
                .isEqualTo("Connected: The sandbox carrier accepted this line's signing secret.");
    }
}
