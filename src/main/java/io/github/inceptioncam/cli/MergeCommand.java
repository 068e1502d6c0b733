package io.github.inceptioncam.cli;

import io.github.inceptioncam.image.FolderLock;
import io.github.inceptioncam.image.ResultsCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code merge DIR}: checks that the N shards of a {@code classify --shard I/N --out DIR} run are all
 * finished and consistent, then writes their rows as one {@code results.csv} sorted by input. Parameters
 * and orchestration; the checks are {@link ShardCheck}'s.
 */
@Command(name = "merge", description = "Check that every shard of a --shard run is complete and consistent, and write one results.csv sorted by input.")
final class MergeCommand implements Callable<Integer> {
	private static final Pattern SHARD_FILE = Pattern.compile("^results\\.shard-(\\d+)-of-(\\d+)\\.(csv|json)$");
	/** Problem lines printed at most; the rest are counted. */
	static final int MAX_LINES = 100;

	@Spec
	CommandSpec spec;

	@Parameters(arity = "1", paramLabel = "DIR", description = "The --out folder of the shards.")
	Path dir;

	@Override
	public Integer call() throws Exception {
		PrintWriter stdout = spec.commandLine().getOut(), stderr = spec.commandLine().getErr();
		if (!Files.isDirectory(dir)) {
			stderr.println("error: " + dir + ": not a folder; give the --out folder of a classify --shard I/N run");
			return Main.USAGE_OR_MODEL;
		}
		TreeSet<Integer> counts = new TreeSet<>();
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "results.shard-*")) {
			for (Path p : ds) {
				Matcher m = SHARD_FILE.matcher(p.getFileName().toString());
				if (m.matches()) counts.add(Integer.parseInt(m.group(2)));
			}
		}
		if (counts.isEmpty()) {
			stderr.println("error: " + dir + ": no results.shard-I-of-N.csv files; run classify --shard I/N --out " + dir + " first");
			return Main.USAGE_OR_MODEL;
		}
		if (counts.size() > 1) {
			stderr.println("error: " + dir + ": shards of runs with different N " + counts + "; keep the shards of one run per folder");
			return Main.SOME_FAILED;
		}
		int n = counts.first();
		ShardCheck check = new ShardCheck(n);
		for (int i = 0; i < n; i++) {
			Shard s = new Shard(i, n);
			Path csv = dir.resolve(s.baseName() + ".csv"), json = ShardManifest.path(dir, s);
			boolean hasCsv = Files.exists(csv), hasJson = Files.exists(json);
			if (!hasCsv && !hasJson) {
				check.problem("missing shard " + s + " (no " + s.baseName() + ".csv or .json in " + dir + "); run classify --shard " + s + " --out " + dir);
				continue;
			}
			if (!hasJson) {
				check.problem("shard " + s + " is not finished (no " + json.getFileName() + "): it is running or was stopped; rerun it with --resume");
				continue;
			}
			if (!hasCsv) {
				check.problem("shard " + s + " has no " + csv.getFileName() + "; rerun it with --resume");
				continue;
			}
			try {
				ShardManifest m = ShardManifest.read(json);
				if (m.shard != i || m.shards != n) {
					check.problem(json + ": says shard " + m.shard + "/" + m.shards + ", not " + s + "; rerun shard " + s + " with --resume");
					continue;
				}
				check.add(m, ResultsCsv.read(csv));
			} catch (IOException e) {
				check.problem(Main.oneLine(e));
			}
		}
		check.finish();
		if (!check.problems().isEmpty()) {
			List<String> p = check.problems();
			for (int k = 0; k < Math.min(MAX_LINES, p.size()); k++) stderr.println("error: " + p.get(k));
			if (p.size() > MAX_LINES) stderr.println("error: ... and " + (p.size() - MAX_LINES) + " more problems");
			stderr.println("error: " + dir + ": not merged (" + p.size() + " problem" + (p.size() == 1 ? "" : "s") + ")");
			return Main.SOME_FAILED;
		}
		Map<String, ResultsCsv.Group> rows = check.rows();
		int lines = 0;
		for (ResultsCsv.Group g : rows.values()) lines += g.lines.size();
		Path merged = dir.resolve("results.csv");
		FolderLock.with(dir, () -> {
			ResultsCsv.write(merged, rows.values());
			return null;
		});
		stdout.println("merged " + n + " shard" + (n == 1 ? "" : "s") + ": " + rows.size() + " inputs, " + lines + " rows -> " + merged);
		return Main.OK;
	}

	/** The completeness and consistency checks of a set of shards; every problem is one line. */
	static final class ShardCheck {
		private final int n;
		private final List<String> problems = new ArrayList<>();
		private ShardManifest first;
		/** Input -> shard that lists it. */
		private final Map<String, Integer> listed = new TreeMap<>();
		/** Input -> its rows (a complete group). */
		private final Map<String, ResultsCsv.Group> rows = new TreeMap<>();
		private final Map<String, Integer> rowsFrom = new TreeMap<>();

		ShardCheck(int n) {
			this.n = n;
		}

		void problem(String line) {
			problems.add(line);
		}

		void add(ShardManifest m, ResultsCsv.Contents csv) {
			String s = m.shard + "/" + n;
			if (first == null) {
				first = m;
			} else {
				String other = "shard " + first.shard + "/" + n + "'s";
				if (!m.model_sha256.equals(first.model_sha256)) {
					problems.add("shard " + s + ": model sha256 " + m.model_sha256 + " differs from " + other + " " + first.model_sha256
						+ "; rerun it with the same --model and --resume");
				}
				if (!m.settings.equals(first.settings)) {
					problems.add("shard " + s + ": settings " + m.settings + " differ from " + other + " " + first.settings
						+ " (top, class, labels, mean/std, preprocessing); rerun it with the same options and --resume");
				}
				if (m.inputs_total != first.inputs_total || !m.inputs_sha256.equals(first.inputs_sha256)) {
					problems.add("shard " + s + ": its run had other inputs (" + m.inputs_total + " inputs) than " + other + " ("
						+ first.inputs_total + "); rerun it with the same INPUT and --inputs-from and --resume");
				}
			}
			for (String in : m.inputs) {
				Integer prev = listed.putIfAbsent(in, m.shard);
				if (prev != null) problems.add("duplicate input " + in + " (listed by shards " + prev + "/" + n + " and " + s + ")");
			}
			java.util.Set<String> mine = new java.util.HashSet<>(m.inputs);
			Map<String, String> failed = new TreeMap<>();
			for (ShardManifest.Failure f : m.failed) failed.put(f.image, f.error);
			if (csv.damaged > 0) problems.add("shard " + s + ": " + csv.damaged + " damaged line(s) in its CSV; rerun it with --resume");
			java.util.Set<String> complete = new java.util.HashSet<>();
			for (ResultsCsv.Group g : csv.groups) {
				if (!g.complete()) {
					problems.add("shard " + s + ": incomplete rows for input " + g.image + "; rerun it with --resume");
				} else if (!g.modelSha256().equals(m.model_sha256) || !g.settings().equals(m.settings)) {
					problems.add("shard " + s + ": input " + g.image + " has rows of another model or settings (" + g.settings()
						+ ", not " + m.settings + "); rerun it with --resume");
				} else {
					Integer prev = rowsFrom.putIfAbsent(g.image, m.shard);
					if (prev != null) {
						problems.add("duplicate input " + g.image + " (rows in shard " + prev + "/" + n + " and " + s + ")");
					} else if (!mine.contains(g.image)) {
						problems.add("shard " + s + ": input " + g.image + " is not one of its inputs; move its CSV away or rerun it");
					} else {
						rows.put(g.image, g);
					}
					if (mine.contains(g.image)) complete.add(g.image);
				}
			}
			for (String in : m.inputs) {
				if (complete.contains(in)) continue;
				String why = failed.get(in);
				problems.add("missing input " + in + " in shard " + s + (why == null ? "" : " (it failed: " + why + ")")
					+ "; rerun the shard with --resume");
			}
		}

		void finish() {
			if (first != null && problems.isEmpty() && listed.size() != first.inputs_total) {
				problems.add("the shards list " + listed.size() + " inputs but the run had " + first.inputs_total + "; rerun the shards with --resume");
			}
		}

		List<String> problems() {
			return problems;
		}

		/** The rows by input, sorted by input. */
		Map<String, ResultsCsv.Group> rows() {
			return rows;
		}
	}
}
