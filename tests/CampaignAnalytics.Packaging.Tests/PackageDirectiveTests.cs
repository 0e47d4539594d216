using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace CampaignAnalytics.Packaging.Tests;

/// <summary>
/// The committed notebooks and scripts load the library at the version <c>dotnet pack</c> gives the projects, and take
/// the package folder from notebooks/NuGet.config rather than from a path of their own (a relative <c>#i</c> source fails
/// in dotnet fsi and dotnet-repl). NuGet reads a package version as a minimum, so a notebook left at an older version
/// would silently load an older pack still in artifacts/packages: the version must be the projects' own.
/// </summary>
public sealed partial class PackageDirectiveTests
{
    public static TheoryData<string> Files() => new(
        Directory.GetFiles(Path.Combine(DotNet.RepoRoot, "notebooks"), "*.dib")
            .Concat(Directory.GetFiles(Path.Combine(DotNet.RepoRoot, "notebooks", "scripts")))
            .Select(f => Path.GetRelativePath(DotNet.RepoRoot, f))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void Loads_the_library_at_the_projects_version_from_the_notebooks_package_source(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(DotNet.RepoRoot, file));
        var references = lines.Select(l => LibraryReference().Match(l)).Where(m => m.Success).ToList();
        Assert.True(references.Count > 0, $"{file} does not load CampaignAnalytics with '#r \"nuget: CampaignAnalytics…, VERSION\"' or '#:package CampaignAnalytics…@VERSION'.");
        Assert.All(references, m => Assert.Equal(DotNet.PackageVersion, m.Groups["version"].Value));
        Assert.DoesNotContain(lines, l => PackageSource().IsMatch(l));
    }

    [GeneratedRegex("""^(?:#r "nuget: *CampaignAnalytics(?:\.\w+)?, *(?<version>[^"]+)"|#:package CampaignAnalytics(?:\.\w+)?@(?<version>\S+))""")]
    private static partial Regex LibraryReference();

    [GeneratedRegex("""^(?:#i |#:property Restore(?:Additional(?:Project)?)?Sources)""")]
    private static partial Regex PackageSource();
}
