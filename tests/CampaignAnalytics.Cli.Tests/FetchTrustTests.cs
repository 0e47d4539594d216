using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// <c>fetch</c> never answers wrongly, never fails with an internal error and never shows the key, whole or in
/// part: bad keys, ids and ranges, error bodies that echo the key, rate limits, redirects, waits and Braze's error
/// envelope in a 200, against the loopback <see cref="FakeBrazeServer"/>.
/// </summary>
public sealed class FetchTrustTests : IDisposable
{
    private const string ApiKey = "sk-TEST-7f3c9a1e-SECRET-KEY-do-not-leak";

    private readonly FakeBrazeServer _server = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-trust-").FullName;

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static Dictionary<string, string?> WithKey(string key = ApiKey) => new() { ["BRAZE_API_KEY"] = key };

    private Task<CliResult> FetchWithKeyAsync(string key, params string[] args) =>
        CliRunner.RunAsync(new[] { "fetch", "--endpoint", _server.BaseUri.ToString() }.Concat(args), WithKey(key));

    private Task<CliResult> FetchAsync(params string[] args) => FetchWithKeyAsync(ApiKey, args);

    /// <summary>No piece of the key of 6 characters or more, in any case, in stdout or stderr.</summary>
    internal static void AssertNoPartOfKey(CliResult result, string key = ApiKey)
    {
        const int Part = 6;
        for (var i = 0; i + Part <= key.Length; i++)
        {
            var part = key.Substring(i, Part);
            Assert.False(result.Stdout.Contains(part, StringComparison.OrdinalIgnoreCase), $"stdout holds '{part}' of the key:\n{result}");
            Assert.False(result.Stderr.Contains(part, StringComparison.OrdinalIgnoreCase), $"stderr holds '{part}' of the key:\n{result}");
        }
    }

    private static string LastLine(CliResult result) => result.Stderr.TrimEnd().Split('\n')[^1];

    [Theory]
    [InlineData("sk-TEST-7f3c9a1e SECRET-KEY-do-not-leak")]
    [InlineData("sk-TEST-7f3c9a1e-SECRET-KEY-do-not-leak\n")]
    [InlineData("sk-TEST-7f3c9a1e-SECRÉT-KEY-do-not-leak")]
    [InlineData("sk-1")]
    public async Task A_key_a_header_cannot_carry_or_too_short_is_a_user_error_naming_the_variable(string key)
    {
        var result = await FetchWithKeyAsync(key, "--campaign", "cmp-a", "--days", "3");
        UserErrorTests.AssertUserError(result, "BRAZE_API_KEY");
        AssertNoPartOfKey(result, key.Trim());
        Assert.Empty(_server.Requests); // refused before any request, not retried five times
    }

    [Fact]
    public async Task A_campaign_id_with_a_space_is_a_user_error()
    {
        var result = await FetchAsync("--campaign", "a b", "--days", "3");
        UserErrorTests.AssertUserError(result, "--campaign", "'a b'");
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("--days", "99999999")]
    [InlineData("--days", "10001")]
    public async Task Days_beyond_the_allowed_range_are_a_user_error_giving_the_range(string option, string value)
    {
        var result = await FetchAsync("--campaign", "cmp-a", option, value);
        UserErrorTests.AssertUserError(result, "--days", value, "1 to 10000");
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_range_ending_after_today_or_too_long_is_a_user_error()
    {
        UserErrorTests.AssertUserError(await FetchAsync("--campaign", "cmp-a", "--from", "2025-01-01", "--to", "9999-12-31"), "--to", "9999-12-31", "after today");
        UserErrorTests.AssertUserError(await FetchAsync("--campaign", "cmp-a", "--from", "0001-01-01", "--to", "2025-01-01"), "--from", "at most 10000");
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_error_body_is_masked_before_it_is_cut_and_in_any_case()
    {
        // The key starts at character 292 of the body: cut at 300 before masking, "sk-TEST-" would show.
        var body = new string('x', 285) + " Bearer " + ApiKey + " and more";
        _server.Handler = r => Task.FromResult(new FakeResponse(400, body));
        var cut = await FetchAsync("--campaign", "cmp-a", "--days", "3");
        UserErrorTests.AssertUserError(cut, "400", "Bearer ***");
        AssertNoPartOfKey(cut);

        _server.Handler = r => Task.FromResult(new FakeResponse(400, "{\"message\":\"invalid key " + ApiKey.ToUpperInvariant() + "\"}"));
        var upper = await FetchAsync("--campaign", "cmp-a", "--days", "3");
        UserErrorTests.AssertUserError(upper, "invalid key ***");
        AssertNoPartOfKey(upper);
    }

    [Fact]
    public async Task Endpoint_and_instance_values_holding_the_key_are_masked()
    {
        var endpoint = await CliRunner.RunAsync(new[] { "fetch", "--campaign", "cmp-a", "--days", "3", "--endpoint", "ftp://" + ApiKey + "/" }, WithKey());
        UserErrorTests.AssertUserError(endpoint, "--endpoint");
        AssertNoPartOfKey(endpoint);

        var instance = await CliRunner.RunAsync(new[] { "fetch", "--campaign", "cmp-a", "--days", "3", "--instance", ApiKey }, WithKey());
        UserErrorTests.AssertUserError(instance, "--instance");
        AssertNoPartOfKey(instance);

        // A mistyped option is echoed by the parser, before fetch runs.
        var typo = await CliRunner.RunAsync(new[] { "fetch", "--campaign", "cmp-a", "--days", "3", ApiKey }, WithKey());
        UserErrorTests.AssertUserError(typo);
        AssertNoPartOfKey(typo);
    }

    [Fact]
    public async Task Progress_lines_are_masked_too()
    {
        // A campaign id that is the key (a slip of the paste): the "wrote" line on stderr must not show it.
        var output = Path.Combine(_dir, "out.json");
        var result = await FetchAsync("--campaign", ApiKey, "--from", "2025-03-01", "--to", "2025-03-10", "--out", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("***: wrote 10 days", result.Stderr, StringComparison.Ordinal);
        AssertNoPartOfKey(result);
    }

    [Fact]
    public async Task A_used_up_rate_limit_resetting_beyond_the_wait_cap_fails_at_once_with_the_reset_time()
    {
        var reset = DateTimeOffset.UtcNow.AddHours(1);
        _server.Handler = r => Task.FromResult(FakeBrazeServer.Emulate(r) with { Headers = FakeBrazeServer.RateHeaders(50_000, 0, reset) });
        var store = Path.Combine(_dir, "limited.db");
        var result = await FetchAsync("--campaign", "cmp-a", "--campaign", "cmp-b", "--from", "2025-03-01", "--to", "2025-03-10", "--store", store);

        Assert.True(result.ExitCode == 1, result.ToString());
        var last = LastLine(result);
        Assert.StartsWith("campaign-analytics: 1 of 2 campaigns failed", last, StringComparison.Ordinal);
        Assert.Contains("X-RateLimit-Remaining 0", last, StringComparison.Ordinal);
        Assert.Contains(reset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), last, StringComparison.Ordinal);
        Assert.Contains("was not sent", last, StringComparison.Ordinal);
        Assert.Single(_server.Requests); // cmp-b was never sent while Remaining said 0
    }

    [Fact]
    public async Task Redirects_never_carry_the_key_and_are_followed_at_most_three_times()
    {
        using var target = new FakeBrazeServer(r => Task.FromResult(
            r.Authorization is null ? new FakeResponse(401, "{\"message\":\"Invalid API key\"}") : FakeBrazeServer.Emulate(r)));
        _server.Handler = r => Task.FromResult(new FakeResponse(302, string.Empty, new Dictionary<string, string>
        {
            ["Location"] = $"{target.BaseUri}campaigns/data_series?campaign_id={r.CampaignId}&length={r.Length}&ending_at={Uri.EscapeDataString(r.EndingAt!)}",
        }));
        var moved = await FetchAsync("--campaign", "cmp-a", "--from", "2025-03-01", "--to", "2025-03-10");
        UserErrorTests.AssertUserError(moved, "401", "redirected to " + target.BaseUri + "campaigns/data_series");
        Assert.Equal("Bearer " + ApiKey, Assert.Single(_server.Requests).Authorization);
        Assert.Null(Assert.Single(target.Requests).Authorization);
        AssertNoPartOfKey(moved);

        // A redirect loop: the first request and three redirects, then one line.
        var loop = new FakeBrazeServer();
        using (loop)
        {
            loop.Handler = r => Task.FromResult(new FakeResponse(302, string.Empty, new Dictionary<string, string> { ["Location"] = loop.BaseUri + "campaigns/data_series" }));
            var looping = await CliRunner.RunAsync(
                new[] { "fetch", "--endpoint", loop.BaseUri.ToString(), "--campaign", "cmp-a", "--from", "2025-03-01", "--to", "2025-03-10" }, WithKey());
            Assert.True(looping.ExitCode == 1, looping.ToString());
            Assert.Single(looping.Stderr.TrimEnd().Split('\n'));
            Assert.Contains("redirected more than 3 times", looping.Stderr, StringComparison.Ordinal);
            Assert.Equal(4, loop.Requests.Count);
            Assert.Equal(1, loop.Requests.Count(r => r.Authorization is not null));
        }
    }

    [Fact]
    public async Task Waits_for_a_retry_and_for_the_rate_limit_show_as_note_lines()
    {
        _server.Handler = r => Task.FromResult(r.Number == 1 ? new FakeResponse(503, "{\"message\":\"busy\"}") : FakeBrazeServer.Emulate(r));
        var output = Path.Combine(_dir, "retried.json");
        var retried = await FetchAsync("--campaign", "cmp-a", "--from", "2025-03-01", "--to", "2025-03-10", "--out", output);
        Assert.True(retried.ExitCode == 0, retried.ToString());
        var note = Assert.Single(retried.Stderr.Split('\n'), l => l.StartsWith("note: ", StringComparison.Ordinal));
        Assert.StartsWith("note: retrying campaign_id=cmp-a length=10 ending_at=2025-03-11T00:00:00Z after HTTP 503 in ", note, StringComparison.Ordinal);
        Assert.EndsWith(" s (attempt 2 of 5)", note.TrimEnd(), StringComparison.Ordinal);

        // The first answer says the quota is used up until ~2 s from now: the second campaign waits, and says so.
        // The reset is set when the first request arrives, so a slow start of the process cannot let it pass unseen.
        var first = _server.Requests.Count + 1;
        _server.Handler = r => Task.FromResult(FakeBrazeServer.Emulate(r) with { Headers = FakeBrazeServer.RateHeaders(50_000, r.Number == first ? 0 : 40_000, DateTimeOffset.UtcNow.AddSeconds(2)) });
        var store = Path.Combine(_dir, "paced.db");
        var paced = await FetchAsync("--campaign", "cmp-a", "--campaign", "cmp-b", "--from", "2025-03-01", "--to", "2025-03-10", "--store", store);
        Assert.True(paced.ExitCode == 0, paced.ToString());
        var wait = Assert.Single(paced.Stderr.Split('\n'), l => l.StartsWith("note: ", StringComparison.Ordinal));
        Assert.StartsWith("note: waiting ", wait, StringComparison.Ordinal);
        Assert.Contains(" s for Braze's rate limit to reset (at ", wait, StringComparison.Ordinal);
        Assert.Contains("before campaign_id=cmp-b", wait, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_200_with_brazes_error_message_fails_quoting_it()
    {
        _server.Handler = r => Task.FromResult(new FakeResponse(200, "{\"message\":\"Invalid campaign_id\"}"));
        var result = await FetchAsync("--campaign", "cmp-a", "--from", "2025-03-01", "--to", "2025-03-10");
        UserErrorTests.AssertUserError(result, "Braze said: \"Invalid campaign_id\"");
        Assert.DoesNotContain("MissingDay", result.Stderr, StringComparison.Ordinal);
        Assert.Single(_server.Requests);

        // Braze's message is quoted at most 200 characters long, with the key masked.
        _server.Handler = r => Task.FromResult(new FakeResponse(200, "{\"message\":\"" + ApiKey + " " + new string('y', 5000) + "\"}"));
        var longer = await FetchAsync("--campaign", "cmp-a", "--from", "2025-03-01", "--to", "2025-03-10");
        UserErrorTests.AssertUserError(longer, "Braze said: \"*** yyy", "y…\"");
        Assert.True(longer.Stderr.Length < 600, longer.ToString());
        AssertNoPartOfKey(longer);

        // "success" without data is Braze's failure, not the user's.
        _server.Handler = r => Task.FromResult(new FakeResponse(200, "{\"message\":\"success\"}"));
        var empty = await FetchAsync("--campaign", "cmp-a", "--from", "2025-03-01", "--to", "2025-03-10");
        Assert.True(empty.ExitCode == 1, empty.ToString());
        Assert.Contains("message \"success\" but no data", empty.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_days_are_explained_without_the_librarys_option()
    {
        _server.Handler = r => Task.FromResult(new FakeResponse(200, "{\"message\":\"success\",\"data\":[]}"));
        var result = await FetchAsync("--campaign", "cmp-a", "--from", "2025-03-01", "--to", "2025-03-10");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.Contains("did not return day 2025-03-01", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("before a campaign existed", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("MissingDay", result.Stderr, StringComparison.Ordinal);
    }
}
