package org.realname.gateway.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.realname.gateway.recipes.Recipes;

/**
 * docs/deployment.md shows what {@link ProductionRecipeIT} runs: its settings file and
 * environment file exactly, and its commands as they are typed.
 */
class DeploymentDocTest {

    private static final String DOC = "docs/deployment.md";

    @Test
    void theFilesShown_areTheFilesTheTestUses() throws Exception {
        Recipes.assertDocShowsTheFile(DOC, DeploymentRecipe.SETTINGS.toString());
        Recipes.assertDocShowsTheFile(DOC, DeploymentRecipe.ENVIRONMENT.toString());
    }

    @Test
    void theCommandsShown_areTheCommandsTheTestRuns() throws Exception {
        String doc = Files.readString(Path.of(DOC));
        for (String command : new String[] {DeploymentRecipe.KEY_CEREMONY, DeploymentRecipe.START, DeploymentRecipe.KEYS_STATUS}) {
            assertTrue(doc.contains("```bash\n" + command + "\n```"), DOC + " shows the command " + command);
        }
    }
}
