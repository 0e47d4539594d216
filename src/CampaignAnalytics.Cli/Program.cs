using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using CampaignAnalytics.Cli.Infrastructure;

namespace CampaignAnalytics.Cli;

/// <summary>The entry point of the <c>campaign-analytics</c> tool.</summary>
public static class Program
{
    /// <summary>Runs the tool.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>0 on success, 2 for a user error, 3 when <c>schema check</c> finds unknown channels or fields, 1 for a failure of the API or a bug.</returns>
    public static int Main(string[] args)
    {
        // Outputs never depend on the machine's culture.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

        // Before anything can echo it (a mistyped option may hold the key): mask the API key in every line written.
        CommandRunner.Secret = Environment.GetEnvironmentVariable(Commands.FetchCommand.ApiKeyVariable);

        try
        {
            var root = CliApp.Build();
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0 && !Help.IsHelp(parse.Action))
            {
                // One line naming the problem, not the parser's multi-line report with help.
                var command = FullName(parse.CommandResult.Command, root);
                var hint = command.Length == 0 ? "campaign-analytics --help" : $"campaign-analytics {command} --help";
                // An unrecognized token explains more than "required command was not provided".
                var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
                return CommandRunner.Fail(ExitCodes.UserError, $"{error.Message.TrimEnd('.')} (see {hint}).");
            }

            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return CommandRunner.Fail(ExitCodes.Failure, $"internal error ({e.GetType().Name}): {e.Message}");
        }
    }

    private static string FullName(Command command, RootCommand root)
    {
        var names = new System.Collections.Generic.List<string>();
        for (Command? c = command; c is not null && c != root; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return string.Join(" ", names);
    }
}
