package io.github.inceptioncam.cli;

import io.github.inceptioncam.testing.CliRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inceptioncam.image.ResultsCsv;
import io.github.inceptioncam.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --shard I/N}, {@code --inputs-from} and {@code merge}: partition, stability, completeness and consistency checks. */
class ShardMergeTest {
	@TempDir
	static Path dir;
	static Path in;

	static CliRun cli(String... args) {
		return CliRun.of(args);
	}

	@BeforeAll
	static void images() {
		in = dir.resolve("in");
		CliRun r = cli("generate", "--count", "30", "--seed", "11", "--size", "128", "--out", in.toString());
		assertEquals(0, r.code, r.err);
	}

	static CliRun classifyShard(Path out, int i, int n, String... more) {
		List<String> a = new ArrayList<>(List.of("classify", "--device", "cpu", "--batch", "1", "--top", "2", "--out", out.toString(), "--shard", i + "/" + n));
		a.addAll(List.of(more));
		a.add(in.toString());
		return cli(a.toArray(new String[0]));
	}

	static Path shards(String name, int n) {
		Path out = dir.resolve(name);
		for (int i = 0; i < n; i++) {
			CliRun r = classifyShard(out, i, n);
			assertEquals(0, r.code, r.err);
		}
		return out;
	}

	static List<String> rows(Path csv) throws Exception {
		List<String> l = Files.readAllLines(csv);
		assertEquals(ResultsCsv.HEADER, l.get(0));
		return new ArrayList<>(l.subList(1, l.size()));
	}

	/** The documented rule, computed here independently: unsigned first 8 bytes of SHA-256(key) mod N. */
	static int documentedShard(String key, int n) throws Exception {
		byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		return new java.math.BigInteger(1, java.util.Arrays.copyOf(d, 8)).mod(java.math.BigInteger.valueOf(n)).intValue();
	}

	@Test
	void shardsPartitionTheInputsByTheDocumentedRuleWhateverTheListingOrder() throws Exception {
		InputSet folder = InputSet.of(List.of(in), null);
		assertEquals(30, folder.all.size());
		// the same inputs as a list in another order (relative to the list's folder)
		List<String> names = new ArrayList<>();
		for (InputSet.Input i : folder.all) names.add(i.key);
		Collections.shuffle(names, new Random(7));
		Collections.reverse(names);
		Path list = Files.write(in.resolve("list.txt"), String.join("\n", names).getBytes(StandardCharsets.UTF_8));
		InputSet listed = InputSet.of(null, list);
		Files.delete(list);
		for (int n : new int[] {1, 3, 4, 7}) {
			Set<String> union = new HashSet<>();
			int total = 0;
			for (int i = 0; i < n; i++) {
				Set<String> a = new TreeSet<>(), b = new TreeSet<>();
				for (InputSet.Input x : folder.shard(new Shard(i, n))) {
					a.add(x.key);
					assertEquals(i, documentedShard(x.key, n), x.key);
				}
				for (InputSet.Input x : listed.shard(new Shard(i, n))) b.add(x.key);
				assertEquals(a, b, "shard " + i + "/" + n + " is the same whatever the listing order");
				union.addAll(a);
				total += a.size();
			}
			assertEquals(30, total, "no input in two shards of " + n);
			assertEquals(new HashSet<>(names), union, "every input in a shard of " + n);
		}
		assertEquals(folder.fingerprint(), listed.fingerprint());
	}

	@Test
	void mergeOfAllShardsEqualsASingleRunSortedByInput() throws Exception {
		Path out = shards("ok", 3);
		CliRun single = cli("classify", "--device", "cpu", "--batch", "1", "--top", "2", "--out", dir.resolve("single").toString(), in.toString());
		assertEquals(0, single.code, single.err);
		CliRun m = cli("merge", out.toString());
		assertEquals(0, m.code, m.err);
		assertTrue(m.out.startsWith("merged 3 shards: 30 inputs, 60 rows -> "), m.out);
		List<String> merged = rows(out.resolve("results.csv"));
		List<String> expected = rows(dir.resolve("single").resolve("results.csv"));
		assertEquals(60, merged.size());
		assertEquals(new TreeSet<>(expected), new TreeSet<>(merged));
		List<String> images = new ArrayList<>();
		for (String l : merged) images.add(l.substring(0, l.indexOf(',')));
		List<String> sorted = new ArrayList<>(images);
		Collections.sort(sorted);
		assertEquals(sorted, images, "sorted by input");
		for (int k = 0; k < merged.size(); k += 2) assertTrue(merged.get(k).split(",")[1].equals("1"), "rank order kept within an input");
	}

	@Test
	void mergeRefusesAMissingOrUnfinishedShard() throws Exception {
		Path out = shards("missing", 3);
		Files.delete(out.resolve("results.shard-1-of-3.csv"));
		Files.delete(out.resolve("results.shard-1-of-3.json"));
		Files.delete(out.resolve("results.shard-2-of-3.json"));
		CliRun m = cli("merge", out.toString());
		assertEquals(1, m.code, m.err);
		assertTrue(m.err.contains("error: missing shard 1/3 "), m.err);
		assertTrue(m.err.contains("error: shard 2/3 is not finished (no results.shard-2-of-3.json)"), m.err);
		assertFalse(Files.exists(out.resolve("results.csv")), "nothing merged");
		assertFalse(m.err.contains("Exception"), m.err);
		// resubmitting the missing shard and resuming the unfinished one completes the set
		assertEquals(0, classifyShard(out, 1, 3).code);
		CliRun resumed = classifyShard(out, 2, 3, "--resume");
		assertEquals(0, resumed.code, resumed.err);
		assertTrue(resumed.err.contains("already done, 0 to do"), resumed.err);
		assertEquals(0, cli("merge", out.toString()).code);
	}

	@Test
	void mergeRefusesADuplicateInput() throws Exception {
		Path out = shards("duplicate", 2);
		List<String> zero = rows(out.resolve("results.shard-0-of-2.csv"));
		String image = zero.get(0).substring(0, zero.get(0).indexOf(','));
		Files.write(out.resolve("results.shard-1-of-2.csv"), (zero.get(0) + "\n" + zero.get(1) + "\n").getBytes(StandardCharsets.UTF_8),
			java.nio.file.StandardOpenOption.APPEND);
		CliRun m = cli("merge", out.toString());
		assertEquals(1, m.code, m.err);
		assertTrue(m.err.contains("error: duplicate input " + image + " (rows in shard 0/2 and 1/2)"), m.err);
	}

	@Test
	void mergeRefusesMixedModelHashes() throws Exception {
		Path a = TestModels.build(TestModels.Head.GEMM_TORCH, 21).write(dir.resolve("a.onnx"));
		Path b = TestModels.build(TestModels.Head.GEMM_TORCH, 22).write(dir.resolve("b.onnx"));
		Path out = dir.resolve("mixed");
		assertEquals(0, classifyShard(out, 0, 2, "--model", a.toString()).code);
		CliRun r = classifyShard(out, 1, 2, "--model", b.toString());
		assertEquals(0, r.code, r.err);
		CliRun m = cli("merge", out.toString());
		assertEquals(1, m.code, m.err);
		assertTrue(m.err.contains("error: shard 1/2: model sha256 "), m.err);
		assertTrue(m.err.contains("; rerun it with the same --model and --resume"), m.err);
	}

	@Test
	void mergeNamesAnInputThatFailedInItsShard() throws Exception {
		Path some = Files.createDirectories(dir.resolve("some"));
		for (int i = 0; i < 4; i++) Files.copy(in.resolve(String.format("field_%05d.tif", i)), some.resolve(String.format("field_%05d.tif", i)));
		Files.write(some.resolve("broken.tif"), "not a tiff".getBytes(StandardCharsets.UTF_8));
		Path out = dir.resolve("failed");
		int codes = 0;
		for (int i = 0; i < 2; i++) {
			CliRun r = cli("classify", "--device", "cpu", "--out", out.toString(), "--shard", i + "/2", some.toString());
			assertTrue(r.code == 0 || r.code == 1, r.err);
			codes += r.code;
		}
		assertEquals(1, codes, "one shard had the broken input");
		CliRun m = cli("merge", out.toString());
		assertEquals(1, m.code, m.err);
		assertTrue(m.err.contains("error: missing input " + some.resolve("broken.tif") + " in shard "), m.err);
		assertTrue(m.err.contains("(it failed: "), m.err);
		assertTrue(m.err.endsWith("not merged (1 problem)\n"), m.err);
	}

	@Test
	void inputsFromTakesListedPathsRelativeToTheListAndCombinesWithShard() throws Exception {
		Path lists = Files.createDirectories(dir.resolve("lists"));
		Path list = Files.write(lists.resolve("some.txt"), ("# three fields\n\n../in/field_00001.tif\n  ../in/field_00002.tif  \n"
			+ in.resolve("field_00003.tif").toAbsolutePath() + "\n# the end\n").getBytes(StandardCharsets.UTF_8));
		CliRun r = cli("classify", "--device", "cpu", "--json", "--inputs-from", list.toString());
		assertEquals(0, r.code, r.err);
		String[] lines = r.out.trim().split("\n");
		assertEquals(3, lines.length, r.out);
		assertTrue(lines[0].contains("field_00001.tif") && lines[1].contains("field_00002.tif") && lines[2].contains("field_00003.tif"), r.out);
		int sum = 0;
		for (int i = 0; i < 2; i++) {
			CliRun s = cli("classify", "--device", "cpu", "--json", "--inputs-from", list.toString(), "--shard", i + "/2");
			assertEquals(0, s.code, s.err);
			sum += s.out.isBlank() ? 0 : s.out.trim().split("\n").length;
		}
		assertEquals(3, sum, "the shards of a list partition it");
		CliRun missing = cli("classify", "--device", "cpu", "--inputs-from", lists.resolve("nope.txt").toString());
		assertEquals(2, missing.code);
		assertTrue(missing.err.startsWith("error: " + lists.resolve("nope.txt") + ": --inputs-from needs a text file"), missing.err);
	}

	@Test
	void badShardAndMergeUsageAreOneLineExit2() throws Exception {
		for (String bad : new String[] {"4/4", "-1/2", "1", "a/b", "0/0"}) {
			CliRun r = cli("classify", "--device", "cpu", "--shard", bad, in.toString());
			assertEquals(2, r.code, bad);
			assertTrue(r.err.startsWith("error: --shard ") && r.err.trim().split("\n").length == 1, r.err);
		}
		CliRun none = cli("merge", Files.createDirectories(dir.resolve("empty")).toString());
		assertEquals(2, none.code);
		assertTrue(none.err.contains("no results.shard-I-of-N.csv files"), none.err);
		CliRun resumeAlone = cli("classify", "--device", "cpu", "--resume", in.toString());
		assertEquals(2, resumeAlone.code);
		assertTrue(resumeAlone.err.startsWith("error: --resume completes an --out folder"), resumeAlone.err);
		Path file = Files.write(dir.resolve("a-file"), new byte[] {1});
		CliRun notAFolder = cli("classify", "--device", "cpu", "--out", file.toString(), in.toString());
		assertEquals(2, notAFolder.code);
		assertTrue(notAFolder.err.startsWith("error: " + file + ": cannot write the output folder (" + file + ": a file of that name is in the way)")
			&& notAFolder.err.trim().endsWith("choose a folder you can write with --out"), notAFolder.err);
		assertEquals(1, notAFolder.err.trim().split("\n").length, notAFolder.err);
		CliRun noInput = cli("classify", "--device", "cpu");
		assertEquals(2, noInput.code);
		assertTrue(noInput.err.startsWith("error: no INPUT given"), noInput.err);
	}
}
