// One OpenSearch node from Maven Central's jars, without a distribution: the modules a
// distribution loads from its modules/ folder are given to the node on the classpath instead
// (Node's protected constructor takes them, as OpenSearch's own test clusters do). Run by
// scripts/opensearch_cluster.py as a single-file program: java -cp 'lib/*' Launcher.java k=v ...
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

public class Launcher {
    static final class ClasspathPluginsNode extends Node {
        ClasspathPluginsNode(Environment environment) {
            super(environment, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, MapperExtrasPlugin.class,
                ReindexPlugin.class), true);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings.Builder builder = Settings.builder();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1) {
                System.err.println("Settings are given as key=value, not: " + arg);
                System.exit(2);
            }
            builder.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        Settings settings = builder.build();
        LogConfigurator.registerErrorListener();
        LogConfigurator.configureWithoutConfig(settings);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, Map.of(), null, () -> settings.get("node.name", "node"));
        Node node = new ClasspathPluginsNode(environment);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }));
        node.start();
        System.out.println("liaison-opensearch: started " + settings.get("node.name"));
        stopped.await();
    }
}
