using System;
using System.IO;
using System.Text.Json;
using Xunit;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>The runtime settings the tool ships with (its runtimeconfig.json, copied beside the tests).</summary>
public sealed class RuntimeSettingsTests
{
    private static JsonElement ConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "campaign-analytics.runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void The_tool_compiles_its_loops_optimised_from_the_start()
    {
        // A command is one pass over its input: with tiered compilation the row loops of a report or an export ran
        // unoptimised or instrumented for most of the run (twice the time at 100 campaigns × 365 days).
        Assert.False(ConfigProperties().GetProperty("System.Runtime.TieredCompilation").GetBoolean());
    }

    [Fact]
    public void The_tool_keeps_its_heap_compact_while_it_streams()
    {
        Assert.Equal(7, ConfigProperties().GetProperty("System.GC.ConserveMemory").GetInt32());
    }
}
