using System.Linq;
using CampaignAnalytics.Generators.Tests.Infrastructure;

namespace CampaignAnalytics.Generators.Tests;

/// <summary>The compile checks are only worth something if the harness would see a problem: it does.</summary>
public class HarnessTests
{
    [Fact]
    public void The_compile_check_sees_nullable_and_documentation_warnings()
    {
        var tree = GeneratorHarness.ParseTree("namespace Consumer { public static class Bad { public static string M(string? s) { string t = s; return t; } } }", "Bad.cs");
        var ids = GeneratorHarness.WarningsAndErrors(GeneratorHarness.CreateCompilation("Consumer", tree)).Select(d => d.Id).ToList();
        Assert.Contains("CS8600", ids); // nullable context is on
        Assert.Contains("CS1591", ids); // documentation is checked, as GenerateDocumentationFile does
    }

    [Fact]
    public void The_references_are_the_framework_plus_the_runtime_and_NodaTime_only()
    {
        var names = GeneratorHarness.References.Select(r => System.IO.Path.GetFileName(r.Display!)).ToList();
        Assert.Contains("CampaignAnalytics.dll", names);
        Assert.Contains("NodaTime.dll", names);
        Assert.Contains("System.Text.Json.dll", names);
        Assert.Contains("System.Private.CoreLib.dll", names);
        Assert.DoesNotContain(names, n => n.StartsWith("xunit", System.StringComparison.OrdinalIgnoreCase) || n.StartsWith("Microsoft.CodeAnalysis", System.StringComparison.Ordinal));
    }
}
