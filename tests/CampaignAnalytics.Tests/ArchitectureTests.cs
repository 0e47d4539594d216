using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace CampaignAnalytics.Tests;

/// <summary>
/// The folders of the runtime library and what each may depend on: the table README's "Architecture" section shows.
/// A folder that starts to name another one outside its row fails here, so the picture stays true.
/// </summary>
public class ArchitectureTests
{
    /// <summary>Each folder of src/CampaignAnalytics and the folders (namespaces) its code may name.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> MayDependOn = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Invariant"] = Array.Empty<string>(),
        ["Serialization"] = new[] { "Invariant" },
        ["Catalogue"] = new[] { "Invariant", "Serialization" },
        ["Models"] = new[] { "Invariant", "Serialization", "Catalogue" },
        ["Schemas"] = new[] { "Invariant", "Serialization", "Catalogue" },
        ["Statistics"] = new[] { "Invariant", "Serialization" },
        ["Windows"] = new[] { "Invariant", "Serialization" },
        ["Frames"] = new[] { "Invariant", "Serialization", "Catalogue", "Windows", "Models" },
        ["Rates"] = new[] { "Invariant", "Serialization", "Catalogue", "Windows", "Frames" },
        ["Comparison"] = new[] { "Invariant", "Serialization", "Catalogue", "Windows", "Frames", "Statistics", "Models" },
        ["Api"] = new[] { "Invariant", "Serialization", "Catalogue", "Windows", "Models" },
        ["Store"] = new[] { "Invariant", "Serialization", "Catalogue", "Windows", "Api", "Models" },
        ["Display"] = new[] { "Invariant", "Windows", "Statistics", "Comparison" },
    };

    private static readonly Regex Reference = new(@"\bCampaignAnalytics\.([A-Z][A-Za-z]+)\b", RegexOptions.CultureInvariant);

    private static string Library => Path.Combine(TestPaths.RepoRoot, "src", "CampaignAnalytics");

    [Fact]
    public void Every_folder_of_the_library_has_a_row()
    {
        var folders = Directory.GetDirectories(Library)
            .Select(Path.GetFileName)
            .Where(n => n is not ("bin" or "obj" or "buildTransitive"))
            .Where(n => Directory.EnumerateFiles(Path.Combine(Library, n!), "*.cs", SearchOption.AllDirectories).Any())
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(MayDependOn.Keys.OrderBy(k => k, StringComparer.Ordinal), folders);
    }

    [Fact]
    public void Each_folder_names_only_the_folders_its_row_allows()
    {
        var known = new HashSet<string>(MayDependOn.Keys, StringComparer.Ordinal);
        var breaches = new List<string>();
        foreach (var (folder, allowed) in MayDependOn)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Library, folder), "*.cs", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                foreach (Match m in Reference.Matches(text))
                {
                    var target = m.Groups[1].Value;
                    if (target != folder && known.Contains(target) && !allowed.Contains(target))
                    {
                        breaches.Add(Path.GetRelativePath(Library, file) + " names " + target);
                    }
                }
            }
        }

        Assert.True(breaches.Count == 0, string.Join(Environment.NewLine, breaches.Distinct()));
    }

    [Fact]
    public void The_dependencies_have_no_cycle()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);

        bool Visit(string folder)
        {
            if (state.TryGetValue(folder, out var s))
            {
                return s == 2;
            }

            state[folder] = 1;
            foreach (var next in MayDependOn.TryGetValue(folder, out var deps) ? deps : Array.Empty<string>())
            {
                if (!Visit(next))
                {
                    return false;
                }
            }

            state[folder] = 2;
            return true;
        }

        Assert.All(MayDependOn.Keys, f => Assert.True(Visit(f), f + " is on a cycle"));
    }
}
