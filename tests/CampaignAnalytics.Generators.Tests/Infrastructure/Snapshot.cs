using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace CampaignAnalytics.Generators.Tests.Infrastructure;

/// <summary>
/// Committed snapshot files compared byte for byte (Verify's approach, without the package). A missing
/// or different snapshot fails and leaves a <c>.received</c> file beside it (git-ignored); setting
/// <c>CAMPAIGN_ANALYTICS_ACCEPT_SNAPSHOTS=1</c> rewrites the snapshots instead.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "CAMPAIGN_ANALYTICS_ACCEPT_SNAPSHOTS";
    public const string AcceptCommand = AcceptVariable + "=1 dotnet test tests/CampaignAnalytics.Generators.Tests";
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    /// <summary>Compares <paramref name="actual"/> with <c>Snapshots/<paramref name="relativePath"/></c>.</summary>
    /// <param name="relativePath">Path under Snapshots/, with '/' separators, e.g. <c>CampaignDataSeries/X.g.cs.txt</c>.</param>
    /// <param name="actual">The text; written as UTF-8 without a byte-order mark, nothing normalised.</param>
    public static void Verify(string relativePath, string actual)
    {
        var path = Path.Combine(RepoPaths.Snapshots, relativePath.Replace('/', Path.DirectorySeparatorChar));
        var received = ReceivedPath(path);
        var bytes = s_utf8.GetBytes(actual);
        if (Accepting)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            File.Delete(received);
            return;
        }

        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(received, bytes);
        var what = File.Exists(path)
            ? "differs from the committed snapshot" + FirstDifference(File.ReadAllText(path, s_utf8), actual)
            : "has no committed snapshot";
        Assert.Fail(
            "Snapshots/" + relativePath + " " + what + ".\n" +
            "Received output: " + received + "\n" +
            "Review it, then accept with: " + AcceptCommand);
    }

    /// <summary>Fails on snapshot files under <paramref name="folder"/> that no test produced (deletes them when accepting).</summary>
    public static void VerifyNoStale(string folder, IEnumerable<string> expectedFileNames)
    {
        var dir = Path.Combine(RepoPaths.Snapshots, folder);
        var expected = new HashSet<string>(expectedFileNames, StringComparer.Ordinal);
        var stale = Directory.Exists(dir)
            ? Directory.GetFiles(dir).Select(Path.GetFileName).Where(n => !n!.Contains(".received.", StringComparison.Ordinal) && !expected.Contains(n!)).ToList()
            : new List<string?>();
        if (Accepting)
        {
            foreach (var name in stale)
            {
                File.Delete(Path.Combine(dir, name!));
            }

            return;
        }

        Assert.True(stale.Count == 0, "Snapshots/" + folder + " holds snapshots nothing generates any more: " + string.Join(", ", stale) + ". Remove them with: " + AcceptCommand);
    }

    private static string ReceivedPath(string path)
    {
        // X.g.cs.txt -> X.g.cs.received.txt (matches the *.received.* ignore rule).
        var ext = Path.GetExtension(path);
        return path.Substring(0, path.Length - ext.Length) + ".received" + ext;
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (!string.Equals(el, al, StringComparison.Ordinal))
            {
                return " at line " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ":\n  snapshot: " + el + "\n  received: " + al;
            }
        }

        return " (line ends or encoding only)";
    }
}
