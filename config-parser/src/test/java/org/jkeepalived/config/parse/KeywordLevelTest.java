package org.jkeepalived.config.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Block levels are defined on first use, once, whichever thread gets there first. */
class KeywordLevelTest {
    private static final Set<Pass> VRRP = EnumSet.of(Pass.VRRP);
    private static final KeywordHandler NOTHING = (state, line) -> { };

    private final AtomicInteger outerDefinitions = new AtomicInteger();
    private final AtomicInteger innerDefinitions = new AtomicInteger();

    /** root: "outer" { "a", "inner" { "b" } }, "other" { "c" }. */
    private KeywordTable table() {
        KeywordLevel root = new KeywordLevel();
        new KeywordTable.Builder(root, "", VRRP)
                .blockActive("outer", ArgShape.BLOCK, VRRP, NOTHING, null, outer -> {
                    outerDefinitions.incrementAndGet();
                    outer.kw("a", ArgShape.REQUIRED, "none", NOTHING);
                    outer.block("inner", ArgShape.BLOCK, NOTHING, null, inner -> {
                        innerDefinitions.incrementAndGet();
                        inner.kw("b", ArgShape.REQUIRED, "none", NOTHING);
                    });
                })
                .blockActive("other", ArgShape.BLOCK, VRRP, NOTHING, null, other -> other.kw("c", ArgShape.NONE, "off", NOTHING));
        return new KeywordTable(root);
    }

    @Test
    void aBlockIsDefinedWhenFirstLookedIntoAndOnlyThen() {
        KeywordTable table = table();
        Keyword outer = table.root().lookup("outer");
        assertThat(outer.sub().isDefined()).isFalse();
        assertThat(outerDefinitions).hasValue(0);

        assertThat(outer.sub().lookup("a").path()).isEqualTo("outer > a");
        assertThat(outerDefinitions).hasValue(1);
        assertThat(outer.sub().lookup("inner").sub().isDefined()).as("nested blocks wait for their own first use").isFalse();
        assertThat(outer.sub().lookup("inner").sub().lookup("b").path()).isEqualTo("outer > inner > b");
        assertThat(outer.sub().lookup("nonesuch")).isNull();
        assertThat(outerDefinitions).hasValue(1);
        assertThat(innerDefinitions).hasValue(1);
    }

    @Test
    void definingNamedBlocksDefinesTheirNestedBlocksAndNoOthers() {
        KeywordTable table = table();
        table.define(List.of("outer", "nonesuch"));

        assertThat(table.root().lookup("outer").sub().isDefined()).isTrue();
        assertThat(innerDefinitions).hasValue(1);
        assertThat(table.root().lookup("other").sub().isDefined()).isFalse();
        // Listing the table defines everything, in definition order.
        assertThat(table.allPaths()).containsExactly("outer", "outer > a", "outer > inner", "outer > inner > b",
                "other", "other > c");
        assertThat(outerDefinitions).hasValue(1);
    }

    @Test
    void threadsLookingAtOnceSeeOneDefinition() throws InterruptedException {
        for (int round = 0; round < 50; round++) {
            KeywordTable table = table();
            outerDefinitions.set(0);
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            List<String> found = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    found.add(table.root().lookup("outer").sub().lookup("a").path());
                });
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(5000);
            }
            assertThat(found).containsExactly("outer > a", "outer > a", "outer > a", "outer > a");
            assertThat(outerDefinitions).hasValue(1);
        }
    }

    @Test
    void theRealTableListsTheSameKeywordsWhicheverBlocksWereUsedFirst() {
        // The daemon's start-up helper defines these first; the documentation lists all of them.
        KeywordTable table = KeywordDefinitions.table();
        table.define(List.of("global_defs", "vrrp_instance"));
        assertThat(table.root().lookup("vrrp_instance").sub().lookup("priority")).isNotNull();
        assertThat(table.allPaths()).contains("virtual_server > real_server > HTTP_GET > url > digest",
                "vrrp_instance > authentication > auth_pass").doesNotHaveDuplicates();
    }
}
