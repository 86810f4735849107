package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.internal.Lifecycle;
import dev.sluice.connection.internal.Listeners;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionStateTest {

    @Test
    void theDocumentedPathIsAllowed() {
        ConnectionState[] path = {ConnectionState.DISCONNECTED, ConnectionState.CONNECTING, ConnectionState.CONNECTED,
            ConnectionState.DEGRADED, ConnectionState.RECONNECTING, ConnectionState.CONNECTED, ConnectionState.CLOSING,
            ConnectionState.CLOSED};
        for (int i = 0; i + 1 < path.length; i++) {
            assertThat(path[i].canMoveTo(path[i + 1])).as(path[i] + " -> " + path[i + 1]).isTrue();
        }
        assertThat(ConnectionState.RECONNECTING.canMoveTo(ConnectionState.FAILED)).isTrue();
        assertThat(ConnectionState.FAILED.canMoveTo(ConnectionState.CONNECTING)).isTrue();
        assertThat(ConnectionState.CLOSING.canMoveTo(ConnectionState.DISCONNECTED)).isTrue();
    }

    @Test
    void illegalMovesAreRefused() {
        assertThat(ConnectionState.DISCONNECTED.canMoveTo(ConnectionState.CONNECTED)).isFalse();
        assertThat(ConnectionState.CONNECTED.canMoveTo(ConnectionState.RECONNECTING)).isFalse();
        assertThat(ConnectionState.CLOSED.nextStates()).isEmpty();
        for (ConnectionState s : ConnectionState.values()) {
            assertThat(ConnectionState.CLOSED.canMoveTo(s)).isFalse();
            assertThat(s.canMoveTo(s)).as("self move " + s).isFalse();
        }
        Lifecycle lifecycle = new Lifecycle("p", "sqlite:x.db", new Listeners("p"));
        assertThatThrownBy(() -> lifecycle.move(ConnectionState.DISCONNECTED, ConnectionState.CONNECTED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("illegal state change DISCONNECTED -> CONNECTED");
        assertThat(lifecycle.get()).isEqualTo(ConnectionState.DISCONNECTED);
    }

    @Test
    void aMoveFromAStaleStateDoesNothing() {
        Lifecycle lifecycle = new Lifecycle("p", "sqlite:x.db", new Listeners("p"));
        assertThat(lifecycle.move(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING)).isTrue();
        assertThat(lifecycle.move(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING)).isFalse();
        assertThat(lifecycle.get()).isEqualTo(ConnectionState.CONNECTING);
    }

    @Test
    void aThrowingListenerDoesNotStopOthersOrTheChange() {
        Listeners listeners = new Listeners("p");
        List<String> seen = new ArrayList<>();
        listeners.add(new ConnectionListener() {
            @Override
            public void onStateChange(ConnectionState from, ConnectionState to) {
                throw new IllegalStateException("listener bug");
            }
        });
        listeners.add(new ConnectionListener() {
            @Override
            public void onStateChange(ConnectionState from, ConnectionState to) {
                seen.add(from + "->" + to);
            }
        });
        Lifecycle lifecycle = new Lifecycle("p", "sqlite:x.db", listeners);
        assertThat(lifecycle.move(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING)).isTrue();
        assertThat(seen).containsExactly("DISCONNECTED->CONNECTING");
        assertThat(lifecycle.get()).isEqualTo(ConnectionState.CONNECTING);
    }
}
