using System.CommandLine;
using CampaignAnalytics.Cli.Commands;

namespace CampaignAnalytics.Cli;

/// <summary>The command tree of <c>campaign-analytics</c>.</summary>
internal static class CliApp
{
    private static readonly string[] RootExamples =
    {
        "campaign-analytics report spring-sale.json --by week --channel email",
        "campaign-analytics compare spring-sale.json --channel email --rate UniqueClickRate",
        "campaign-analytics export spring-sale.json --layout long --out values.parquet",
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("campaign-analytics: Braze campaign analytics (GET /campaigns/data_series) from the command line. Channels and rates come from the schema's catalogue.");
        root.Options.Add(Input.SchemaOption.Create());
        root.Subcommands.Add(FetchCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(CampaignsCommand.Create());
        root.Subcommands.Add(CampaignsCommand.CreateCanvases());
        root.Subcommands.Add(SchemaCommand.Create());
        Infrastructure.Help.AddExamples(root, RootExamples);
        Infrastructure.Help.Install(root);
        return root;
    }
}
