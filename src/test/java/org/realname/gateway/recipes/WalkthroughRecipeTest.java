package org.realname.gateway.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.realname.gateway.support.NoPersonalData;
import org.realname.gateway.support.TestIds;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The README's five-minute walkthrough: {@code docs/recipes/walkthrough.sh} as written, run by bash
 * in its own process against the running gateway (the test instance stands in for
 * {@code quarkus:dev}: same development issuer, sandbox and return origin, the base URL given as the
 * script's argument). The script checks every answer itself; here its exit status, that it got
 * through all nine steps and the last check, and that it printed the identity masked only.
 */
@QuarkusTest
class WalkthroughRecipeTest {

    static final String RECIPE = "docs/recipes/walkthrough.sh";

    @Test
    void theReadmeShowsTheTestedFile() throws Exception {
        Recipes.assertDocShowsTheFile("README.md", RECIPE);
    }

    @Test
    void theWalkthrough_runsThroughEveryStep_andASecondRunNeedsAnotherAccount() throws Exception {
        String base = "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        // A fresh account: the test database outlives this run and other tests share it.
        String account = TestIds.randomAccount();
        assertWentThrough(bash(base, account));

        // As the script's header says: step 9 erased the account for good, so the same account
        // again stops at step 3 (people do run a walkthrough twice), and another one goes through.
        Recipes.Run again = bash(base, account);
        assertEquals(1, again.exit(), again.both());
        assertTrue(again.out().contains("# 3.") && !again.out().contains("# 4."), again.both());
        assertTrue(again.err().contains("expected 201, got 410") && again.err().contains("/problems/account-erased"), again.both());
        assertWentThrough(bash(base, TestIds.randomAccount()));
    }

    private static void assertWentThrough(Recipes.Run run) {
        assertEquals(0, run.exit(), run.both());
        List<String> steps = run.out().lines().filter(l -> l.matches("# [1-9]\\. .*")).map(l -> l.substring(2, 3)).toList();
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), steps, run.both());
        assertTrue(run.out().contains("\"verified\":true") && run.out().contains("/problems/unauthenticated"), run.both());
        // The README says the identity is printed masked only, and how.
        assertTrue(run.out().contains("\"name\":\"张*\",\"id_number\":\"110***********002X\""), run.both());
        NoPersonalData.assertNotQuoted("the walkthrough's output", run.out(), "张三", "11010519491231002X");
    }

    @Test
    void theWalkthrough_stopsAtTheFirstUnexpectedAnswer() throws Exception {
        // Nothing listens there: step 1 must fail and nothing after it run.
        Recipes.Run run = bash("http://localhost:9", TestIds.randomAccount());

        assertEquals(1, run.exit(), run.both());
        assertTrue(run.out().contains("# 1.") && !run.out().contains("# 2."), run.both());
        assertTrue(run.err().contains("expected 200, got 000"), run.both());
    }

    private static Recipes.Run bash(String base, String account) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", Recipes.file(RECIPE).toString(), base);
        pb.environment().put("ACCOUNT", account);
        return Recipes.run(pb);
    }
}
