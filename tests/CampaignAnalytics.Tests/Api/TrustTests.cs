using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Models;
using NodaTime;

namespace CampaignAnalytics.Tests.Api;

/// <summary>
/// No fragment of the key in any text, no retry of what cannot succeed, no request while the quota is used up,
/// waits reported, and Braze's error envelope in a 200 taken for an error, not for a campaign without data.
/// </summary>
public class TrustTests
{
    private const string Key = Harness.ApiKey;

    [Fact]
    public void Scrubber_masks_the_key_in_any_case()
    {
        Assert.Equal("Bearer *** and ***", ApiKeyScrubber.Scrub("Bearer " + Key.ToUpperInvariant() + " and " + Key.ToLowerInvariant(), Key));
        var untouched = "nothing to mask";
        Assert.Same(untouched, ApiKeyScrubber.Scrub(untouched, Key));
    }

    [Fact]
    public void Scrubber_masks_a_short_key_only_as_a_whole_word()
    {
        Assert.Equal("HttpRequestException: connection refused", ApiKeyScrubber.Scrub("HttpRequestException: connection refused", "e"));
        Assert.Equal("key ***, not keye", ApiKeyScrubber.Scrub("key e, not keye", "e"));
        Assert.Equal("(***)", ApiKeyScrubber.Scrub("(abc1)", "ABC1"));
    }

    [Theory]
    [InlineData("Bearer sk-TEST-7f…", "Bearer ***…")]
    [InlineData("Bearer sk-TEST-7f...", "Bearer ***...")]
    [InlineData("…SECRET-KEY-do-not-leak was sent", "…*** was sent")]
    [InlineData("a sk-T… b", "a ***… b")]
    [InlineData("a sk-… b", "a sk-… b")]
    public void Scrubber_masks_a_part_of_the_key_where_text_was_cut(string text, string expected) =>
        Assert.Equal(expected, ApiKeyScrubber.Scrub(text, Key));

    [Fact]
    public void Bounded_text_is_masked_before_it_is_cut()
    {
        var body = new string('x', 295) + Key + " tail";
        var bounded = ApiKeyScrubber.ScrubAndCut(body, Key, 300);
        Assert.Equal(new string('x', 295) + "*** t…", bounded);
        Assert.Equal("a b", ApiKeyScrubber.ScrubAndCut("  a\nb  ", Key, 300));
        Assert.Equal("ab…", ApiKeyScrubber.ScrubAndCut("abc", null, 2));
    }

    [Theory]
    [InlineData("sk-TEST-7f3c9a1e-SECRÉT")]
    [InlineData("sk-TEST-7f3c9a1e\nSECRET")]
    [InlineData("sk-TEST-7f3c9a1e\u007fSECRET")]
    [InlineData("sk-TEST")]
    public void Options_refuse_a_key_a_header_cannot_carry_or_too_short_without_showing_it(string key)
    {
        var ex = Assert.Throws<ArgumentException>(() => new DataSeriesClientOptions(BrazeInstance.US01, key).Validate());
        Assert.Equal(nameof(DataSeriesClientOptions.ApiKey), ex.ParamName);
        Assert.DoesNotContain("sk-TEST", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("format")]
    [InlineData("invalid-operation")]
    [InlineData("header-encoding")]
    public async Task A_local_failure_fails_at_once_without_retries(string kind)
    {
        var calls = 0;
        using var handler = new ThrowingHandler(() =>
        {
            Interlocked.Increment(ref calls);
            return kind switch
            {
                "format" => new FormatException("New-line or NUL characters are not allowed in header values."),
                "invalid-operation" => new InvalidOperationException("An invalid request URI was provided."),
                _ => new HttpRequestException("Request headers must contain only ASCII characters."),
            };
        });
        var options = new DataSeriesClientOptions(BrazeInstance.FromUrl(new Uri("http://127.0.0.1:1/")), Key) { RetryBaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5) };
        using var client = DataSeriesClient.Create(options, innerHandler: handler);

        var ex = await Assert.ThrowsAsync<BrazeApiException>(() => client.GetDataSeriesAsync("camp-1", 3));

        Assert.Equal(1, calls);
        Assert.Null(ex.StatusCode);
        Assert.Contains("could not be sent", ex.Message, StringComparison.Ordinal);
        Assert.Contains("campaign_id=camp-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_failures_are_still_retried()
    {
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.Refused);
        using (h)
        {
            Assert.Equal(2, Assert.IsType<BrazeServerException>(error).Attempts);
        }
    }

    [Fact]
    public async Task No_request_is_sent_while_the_quota_is_used_up_until_a_reset_beyond_the_wait_cap()
    {
        var waits = new ConcurrentQueue<FetchWait>();
        using var h = new Harness(waits: new SyncProgress<FetchWait>(waits.Enqueue));
        var reset = DateTimeOffset.UtcNow.AddHours(1);
        h.Server.Handler = r => Task.FromResult(FakeBrazeServer.Emulate(r) with { Headers = FakeBrazeServer.RateHeaders(50_000, 0, reset) });
        await h.Client.GetDataSeriesAsync("c", 2);

        var ex = await Assert.ThrowsAsync<BrazeRateLimitedException>(() => h.Client.GetDataSeriesAsync("c", 2));

        Assert.Single(h.Server.Requests);
        Assert.Null(ex.StatusCode);
        Assert.Equal(Instant.FromUnixTimeSeconds(reset.ToUnixTimeSeconds()), ex.ResetAt);
        Assert.Contains("X-RateLimit-Remaining 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("was not sent", ex.Message, StringComparison.Ordinal);
        Assert.Empty(waits);
    }

    [Fact]
    public async Task Waits_are_reported_for_retries_rate_limits_and_slow_answers()
    {
        var waits = new ConcurrentQueue<FetchWait>();
        var (h, error) = await RunAsync(FaultScenarios.ServerErrorsThenSuccess, waits);
        using (h)
        {
            Assert.Null(error);

            // (A busy machine may also report a slow answer: timers run 50x faster here.)
            var retries = waits.Where(w => w.Reason == FetchWaitReason.Retry).ToList();
            Assert.Equal(new[] { (2, "HTTP 500"), (3, "HTTP 503") }, retries.Select(w => (w.Attempt, w.Cause!)));
            Assert.All(retries, w => Assert.Equal(5, w.MaxAttempts));
            Assert.StartsWith("retrying campaign_id=camp-1 length=3 ending_at=2025-06-22T00:00:00Z after HTTP 500 in ", retries[0].Message, StringComparison.Ordinal);
            Assert.EndsWith(" s (attempt 2 of 5)", retries[0].Message, StringComparison.Ordinal);
        }

        waits.Clear();
        (h, error) = await RunAsync(FaultScenarios.RateLimitedThenSuccess, waits);
        using (h)
        {
            Assert.Null(error);

            // (Timers run 50x faster here, so the clock has not reached the reset after the wait, and the gate waits
            // again, reported without a cause.)
            var wait = Assert.Single(waits, w => w.Cause is not null && w.Reason != FetchWaitReason.SlowAnswer);
            Assert.Equal(FetchWaitReason.RateLimit, wait.Reason);
            Assert.Equal("HTTP 429", wait.Cause);
            Assert.Equal(2, wait.Attempt);
            Assert.NotNull(wait.ResetAt);
            Assert.StartsWith("waiting ", wait.Message, StringComparison.Ordinal);
            Assert.Contains(" s for Braze's rate limit to reset (at ", wait.Message, StringComparison.Ordinal);
        }

        // An answer after 1 s (real time) is slower than the slow-answer mark of 10 s, scaled by 0.02 to 0.2 s.
        waits.Clear();
        using (var slow = new Harness(waits: new SyncProgress<FetchWait>(waits.Enqueue)))
        {
            slow.Server.Handler = r => Task.FromResult(FakeBrazeServer.Emulate(r) with { Delay = TimeSpan.FromSeconds(1) });
            await FaultScenarios.Single(slow.Client);
            var wait = Assert.Single(waits);
            Assert.Equal(FetchWaitReason.SlowAnswer, wait.Reason);
            Assert.Equal(1, wait.Attempt);
            Assert.Equal("still waiting for Braze's answer to campaign_id=camp-1 length=3 ending_at=2025-06-22T00:00:00Z after 10 s (attempt 1 of 5)", wait.Message);
        }
    }

    [Theory]
    [InlineData("{\"message\":\"Invalid campaign_id\"}", "Invalid campaign_id", true)]
    [InlineData("{\"message\":\"Invalid campaign_id\",\"data\":[]}", "Invalid campaign_id", true)]
    [InlineData("{\"message\":\"success\"}", "success", false)]
    public async Task An_error_envelope_in_a_200_is_an_error_quoting_braze(string body, string brazeMessage, bool refusal)
    {
        using var h = new Harness();
        h.Server.Handler = r => Task.FromResult(new FakeResponse(200, body));
        var ex = await Assert.ThrowsAsync<BrazeErrorResponseException>(() => FaultScenarios.Range(h.Client));
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal(brazeMessage, ex.BrazeMessage);
        Assert.Equal(refusal, ex.IsRefusal);
        Assert.Contains(refusal ? $"Braze said: \"{brazeMessage}\"" : "message \"success\" but no data", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MissingDay", ex.Message, StringComparison.Ordinal);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public void Envelope_check_reads_message_and_data()
    {
        static string? Problem(string json) => ResponseEnvelope.Problem(CampaignDataSeriesCatalogue.Instance, CampaignDataSeriesResponse.Parse(Encoding.UTF8.GetBytes(json)), Key);

        Assert.Null(Problem("{\"message\":\"success\",\"data\":[]}"));
        Assert.Null(Problem("{\"data\":[],\"message\":\"success\",\"x\":{\"data\":1}}"));
        Assert.Equal("message \"success\" but no data", Problem("{\"message\":\"success\",\"x\":{\"data\":[]}}"));
        Assert.Equal("Braze said: \"bad ***\"", Problem("{\"message\":\"bad " + Key + "\",\"data\":[]}"));
        var longer = Problem("{\"message\":\"" + new string('m', 500) + "\"}")!;
        Assert.Equal("Braze said: \"" + new string('m', ResponseEnvelope.MaxQuotedMessage) + "…\"", longer);
    }

    [Fact]
    public async Task Missing_days_keep_the_library_hint_and_offer_a_summary_without_it()
    {
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.MissingDay);
        using (h)
        {
            var ex = Assert.IsType<DataSeriesIntegrityException>(error);
            Assert.Contains("MissingDayPolicy.Omit", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("MissingDay", ex.Summary, StringComparison.Ordinal);
            Assert.StartsWith(ex.Summary, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Error_bodies_are_bounded_and_masked_before_the_cut()
    {
        using var h = new Harness();
        var errors = string.Join(",", Enumerable.Range(1, 10).Select(i => "\"e" + i + "\""));
        h.Server.Handler = r => Task.FromResult(new FakeResponse(400, "{\"message\":\"" + Key + " " + new string('x', 400) + "\",\"errors\":[" + errors + "]}"));
        var ex = await Assert.ThrowsAsync<BrazeBadRequestException>(() => FaultScenarios.Single(h.Client));
        Assert.Equal("*** " + new string('x', 296) + "…", ex.BrazeMessage);
        Assert.Contains("Errors: e1; e2; e3 and 7 more", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-T", ex.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<(Harness Harness, Exception? Error)> RunAsync(FaultScenario scenario, ConcurrentQueue<FetchWait> waits)
    {
        var h = new Harness(scenario.Configure, waits: new SyncProgress<FetchWait>(waits.Enqueue));
        h.Server.Handler = r => Task.FromResult(scenario.Respond(r.Number, r));
        try
        {
            await scenario.Act(h.Client);
            return (h, null);
        }
        catch (Exception ex)
        {
            return (h, ex);
        }
    }

    private sealed class SyncProgress<T> : IProgress<T>
    {
        private readonly Action<T> _report;

        public SyncProgress(Action<T> report) => _report = report;

        public void Report(T value) => _report(value);
    }

    private sealed class ThrowingHandler : HttpMessageHandler
    {
        private readonly Func<Exception> _error;

        public ThrowingHandler(Func<Exception> error) => _error = error;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(_error());
    }
}
