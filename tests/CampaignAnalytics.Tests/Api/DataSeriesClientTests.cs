using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Serialization;
using NodaTime;
using Polly.Timeout;

namespace CampaignAnalytics.Tests.Api;

public class DataSeriesClientTests
{
    [Fact]
    public async Task Single_request_sends_parameters_and_bearer_key()
    {
        using var h = new Harness();
        var response = await h.Client.GetDataSeriesAsync("camp_1/a+b&c=d", 3, new OffsetDateTime(new LocalDateTime(2025, 6, 22, 0, 0), Offset.FromHours(2)));
        var r = Assert.Single(h.Server.Requests);
        Assert.Equal("/campaigns/data_series", r.Path);
        Assert.Equal("camp_1/a+b&c=d", r.CampaignId);
        Assert.Equal("3", r.Length);
        Assert.Equal("2025-06-22T00:00:00+02:00", r.EndingAt);
        Assert.Equal("Bearer " + Harness.ApiKey, r.Authorization);
        Assert.Equal(new[] { new LocalDate(2025, 6, 19), new LocalDate(2025, 6, 20), new LocalDate(2025, 6, 21) }, response.Data!.Select(d => d.Time));
        Assert.Equal("success", response.Message);
    }

    [Fact]
    public async Task Without_ending_at_the_parameter_is_left_out()
    {
        using var h = new Harness();
        await h.Client.GetDataSeriesAsync("c", 1);
        Assert.Null(Assert.Single(h.Server.Requests).EndingAt);
    }

    [Fact]
    public async Task Range_of_250_days_takes_three_requests_and_returns_every_day_once()
    {
        using var h = new Harness();
        var reports = new ConcurrentQueue<FetchProgress>();
        var progress = new SyncProgress<FetchProgress>(reports.Enqueue);
        var response = await h.Client.GetRangeAsync("camp-1", FaultScenarios.Range250, progress);

        var requests = h.Server.Requests.OrderBy(r => r.EndingAt, StringComparer.Ordinal).ToList();
        Assert.Equal(3, requests.Count);
        Assert.Equal(new[] { "50", "100", "100" }, requests.Select(r => r.Length));
        Assert.Equal(new[] { "2025-02-20T00:00:00Z", "2025-05-31T00:00:00Z", "2025-09-08T00:00:00Z" }, requests.Select(r => r.EndingAt));
        Assert.All(requests, r => Assert.Equal("camp-1", r.CampaignId));

        Assert.Equal(FaultScenarios.Range250.ToList(), response.Days.Select(d => d.Time).ToList());
        Assert.Equal(3, reports.Count);
        Assert.Equal(new[] { 1, 2, 3 }, reports.Select(p => p.RequestsDone).OrderBy(x => x));
        Assert.All(reports, p => Assert.Equal(3, p.RequestsTotal));
    }

    [Fact]
    public async Task Many_campaigns_bounded_concurrency_and_progress()
    {
        using var h = new Harness(o => o with { MaxConcurrency = 2 });
        h.Server.Handler = r => Task.FromResult(FakeBrazeServer.Emulate(r) with { Delay = TimeSpan.FromMilliseconds(30) });
        var reports = new ConcurrentQueue<FetchProgress>();
        var result = await h.Client.GetManyAsync(new[] { "a", "b", "a", "c" }, FaultScenarios.Range250, new SyncProgress<FetchProgress>(reports.Enqueue));

        Assert.Equal(new[] { "a", "b", "c" }, result.Select(r => r.CampaignId));
        Assert.All(result, r => Assert.Equal(250, r.Days.Count));
        Assert.Equal(9, h.Server.Requests.Count);
        Assert.True(h.Server.MaxInFlight <= 2, $"max in flight {h.Server.MaxInFlight}");
        Assert.Equal(9, reports.Count);
        Assert.All(reports, p => Assert.Equal(9, p.RequestsTotal));
        Assert.Equal(Enumerable.Range(1, 9), reports.Select(p => p.RequestsDone).OrderBy(x => x));
    }

    [Fact]
    public async Task Fetch_as_data_series_source()
    {
        using var h = new Harness();
        IDataSeriesSource<CampaignAnalytics.Models.DailyDataPoint> source = h.Client;
        var days = new DateInterval(new LocalDate(2024, 12, 30), new LocalDate(2025, 1, 2));
        var fetched = await source.FetchAsync("c", days, CancellationToken.None);
        Assert.Equal(days.ToList(), fetched.Select(d => d.Time).ToList());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a b")]
    [InlineData("a\tb")]
    [InlineData("a\u0001b")]
    [InlineData("ab\n")]
    public async Task Invalid_campaign_id_fails_before_any_request(string id)
    {
        using var h = new Harness();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Client.GetDataSeriesAsync(id, 5));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Client.GetRangeAsync(id, FaultScenarios.Range250));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Client.GetManyAsync(new[] { "ok", id }, FaultScenarios.Range250));
        Assert.Empty(h.Server.Requests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task Invalid_length_fails_before_any_request(int length)
    {
        using var h = new Harness();
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Client.GetDataSeriesAsync("c", length));
        Assert.Contains("1 and 100", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentNullException>(() => h.Client.GetDataSeriesAsync(null!, 5));
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task Length_bounds_are_accepted()
    {
        using var h = new Harness();
        Assert.Single((await h.Client.GetDataSeriesAsync("c", 1)).Data!);
        Assert.Equal(100, (await h.Client.GetDataSeriesAsync("c", 100)).Data!.Count);
    }

    [Fact]
    public async Task Rate_limited_waits_for_the_reset_then_succeeds()
    {
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.RateLimitedThenSuccess);
        using (h)
        {
            Assert.Null(error);
            Assert.Equal(2, h.Server.Requests.Count);

            // The reset was ~2 s away (whole seconds): the wait asked for lies between 1 and 3.5 s.
            Assert.Contains(h.Time.Requested, d => d > TimeSpan.FromSeconds(0.9) && d < TimeSpan.FromSeconds(3.5));
            Assert.Contains(h.Logs.Lines, l => l.Contains("429", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Rate_limit_reset_beyond_the_cap_fails_at_once_with_the_reset_time()
    {
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.RateLimitedTooLong);
        using (h)
        {
            var ex = Assert.IsType<BrazeRateLimitedException>(error);
            Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
            Assert.NotNull(ex.ResetAt);
            Assert.True(ex.ResetAt > SystemClock.Instance.GetCurrentInstant() + Duration.FromMinutes(50));
            Assert.Contains("resets at", ex.Message, StringComparison.Ordinal);
            Assert.Single(h.Server.Requests);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Low_remaining_quota_slows_down_before_a_429(bool lowerCaseHeaders)
    {
        using var h = new Harness();
        var reset = DateTimeOffset.UtcNow.AddSeconds(3);
        h.Server.Handler = r => Task.FromResult(FakeBrazeServer.Emulate(r) with
        {
            Headers = FakeBrazeServer.RateHeaders(100, r.Number == 1 ? 0 : 99, reset, lowerCaseHeaders),
        });

        await h.Client.GetDataSeriesAsync("c", 2);
        Assert.DoesNotContain(h.Time.Requested, d => d > TimeSpan.FromSeconds(1.5) && d < TimeSpan.FromSeconds(4));
        await h.Client.GetDataSeriesAsync("c", 2);

        // The second request waited for the reset (quota 0) instead of meeting a 429.
        Assert.Contains(h.Time.Requested, d => d > TimeSpan.FromSeconds(1.5) && d < TimeSpan.FromSeconds(4));
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Contains(h.Logs.Lines, l => l.Contains("nearly used up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_errors_are_retried_until_success()
    {
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.ServerErrorsThenSuccess);
        using (h)
        {
            Assert.Null(error);
            Assert.Equal(3, h.Server.Requests.Count);
            Assert.Equal(2, h.Logs.Lines.Count(l => l.Contains("retry", StringComparison.OrdinalIgnoreCase) && l.StartsWith("Warning", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Spent_retry_budget_gives_a_clear_error()
    {
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.BudgetSpent);
        using (h)
        {
            var ex = Assert.IsType<BrazeServerException>(error);
            Assert.Equal(3, h.Server.Requests.Count);
            Assert.Equal(3, ex.Attempts);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
            Assert.Equal("Service Unavailable", ex.BrazeMessage);
            Assert.Contains("after 3 attempt(s)", ex.Message, StringComparison.Ordinal);
            Assert.Contains("campaign_id=camp-1", ex.Message, StringComparison.Ordinal);
            Assert.IsAssignableFrom<BrazeApiException>(ex);
        }
    }

    [Fact]
    public async Task Malformed_body_names_the_request_and_keeps_the_location()
    {
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.Malformed);
        using (h)
        {
            var ex = Assert.IsType<DataSeriesFormatException>(error);
            Assert.IsAssignableFrom<JsonException>(ex);
            var inner = Assert.IsType<CampaignJsonException>(ex.InnerException);
            Assert.True(inner.ByteOffset > 0);
            Assert.Equal(inner.ByteOffset, ex.ByteOffset);
            Assert.Equal(inner.Line, ex.LineNumber + 1);
            Assert.Contains(inner.JsonPath, ex.Message, StringComparison.Ordinal);
            Assert.Equal("camp-1", ex.CampaignId);
            Assert.Contains("campaign_id=camp-1 length=3 ending_at=2025-06-22T00:00:00Z", ex.Message, StringComparison.Ordinal);
            Assert.Single(h.Server.Requests);
        }
    }

    [Fact]
    public async Task Slow_response_hits_the_attempt_timeout()
    {
        var watch = Stopwatch.StartNew();
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.Slow);
        using (h)
        {
            var ex = Assert.IsType<BrazeServerException>(error);
            Assert.Null(ex.StatusCode);
            Assert.Equal(2, ex.Attempts);
            Assert.IsType<TimeoutRejectedException>(ex.InnerException);
            Assert.Contains("did not answer in time", ex.Message, StringComparison.Ordinal);
            Assert.Equal(2, h.Server.Requests.Count);
            // Far below the server's 30 s, with room for a busy machine (two 0.2 s attempts take well under a second).
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        }
    }

    [Fact]
    public async Task Connection_refused_gives_up_after_retries()
    {
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.Refused);
        using (h)
        {
            var ex = Assert.IsType<BrazeServerException>(error);
            Assert.Null(ex.StatusCode);
            Assert.Equal(2, ex.Attempts);
            Assert.Contains("could not be reached", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unauthorized_says_wrong_key_or_wrong_instance()
    {
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.Unauthorized);
        using (h)
        {
            var ex = Assert.IsType<BrazeUnauthorizedException>(error);
            Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
            Assert.Contains("wrong API key", ex.Message, StringComparison.Ordinal);
            Assert.Contains("another Braze instance", ex.Message, StringComparison.Ordinal);
            Assert.Equal("Invalid API key: ***", ex.BrazeMessage);
            Assert.Single(h.Server.Requests);
        }
    }

    [Fact]
    public async Task Forbidden_names_the_permission()
    {
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.Forbidden);
        using (h)
        {
            var ex = Assert.IsType<BrazeForbiddenException>(error);
            Assert.Contains("campaigns.data_series", ex.Message, StringComparison.Ordinal);
            Assert.Equal("Forbidden", ex.BrazeMessage);
        }
    }

    [Fact]
    public async Task Bad_request_carries_brazes_message_and_errors()
    {
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.BadRequest);
        using (h)
        {
            var ex = Assert.IsType<BrazeBadRequestException>(error);
            Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
            Assert.Equal("campaign_id must be a string of the campaign api identifier", ex.BrazeMessage);
            Assert.Contains("campaign_id must be a string of the campaign api identifier", ex.Message, StringComparison.Ordinal);
            Assert.Equal(new[] { "e1", "{\"code\":7}" }, ex.Errors);
            Assert.Single(h.Server.Requests);
        }
    }

    [Fact]
    public async Task Not_found_with_a_non_json_body()
    {
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.NotFound);
        using (h)
        {
            var ex = Assert.IsType<BrazeNotFoundException>(error);
            Assert.Null(ex.BrazeMessage);
            Assert.Empty(ex.Errors);
            Assert.Contains("instance URL", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Not Found", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Doubled_day_is_an_error_naming_the_date()
    {
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.DoubledDay);
        using (h)
        {
            var ex = Assert.IsType<DataSeriesIntegrityException>(error);
            Assert.Equal(DataSeriesIntegrityProblem.DuplicateDay, ex.Problem);
            Assert.Equal(new[] { new LocalDate(2025, 6, 18) }, ex.Dates);
            Assert.Contains("2025-06-18", ex.Message, StringComparison.Ordinal);
            Assert.Contains("camp-1", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Missing_day_is_an_error_naming_the_date()
    {
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.MissingDay);
        using (h)
        {
            var ex = Assert.IsType<DataSeriesIntegrityException>(error);
            Assert.Equal(DataSeriesIntegrityProblem.MissingDay, ex.Problem);
            Assert.Equal(new[] { new LocalDate(2025, 6, 17) }, ex.Dates);
            Assert.Contains("2025-06-17", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Missing_days_can_be_omitted()
    {
        using var h = new Harness(o => o with { MissingDays = MissingDayPolicy.Omit });
        h.Server.Handler = r => Task.FromResult(FaultScenarios.MissingDay.Respond(r.Number, r));
        var response = await h.Client.GetRangeAsync("camp-1", new DateInterval(FaultScenarios.Day.PlusDays(-9), FaultScenarios.Day));
        Assert.Equal(9, response.Days.Count);
        Assert.DoesNotContain(response.Days, d => d.Time == new LocalDate(2025, 6, 17));
        Assert.Contains(h.Logs.Lines, l => l.Contains("no data for 1 day", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Day_outside_the_request_is_an_error_naming_the_date()
    {
        var (h, error) = await FaultScenarios.RunAsync(FaultScenarios.DayOutside);
        using (h)
        {
            var ex = Assert.IsType<DataSeriesIntegrityException>(error);
            Assert.Equal(DataSeriesIntegrityProblem.DayOutsideRange, ex.Problem);
            Assert.Contains("2025-06-22", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Cancellation_stops_a_waiting_request()
    {
        using var h = new Harness(timeScale: 1);
        h.Server.Handler = r => Task.FromResult(FakeBrazeServer.Emulate(r) with { Delay = TimeSpan.FromSeconds(30) });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.GetRangeAsync("c", FaultScenarios.Range250, cancellationToken: cts.Token));

        // Far below the server's 30 s, with room for a busy machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task Cancellation_stops_a_rate_limit_wait()
    {
        using var h = new Harness(timeScale: 1);
        using var cts = new CancellationTokenSource();
        h.Server.Handler = r =>
        {
            cts.CancelAfter(TimeSpan.FromMilliseconds(200));
            return Task.FromResult(new FakeResponse(429, "{}", FakeBrazeServer.RateHeaders(10, 0, DateTimeOffset.UtcNow.AddSeconds(30))));
        };
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.GetDataSeriesAsync("c", 3, cancellationToken: cts.Token));

        // Far below the 30 s the server asked to wait, with room for a busy machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task Already_cancelled_token_sends_nothing()
    {
        using var h = new Harness();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.GetManyAsync(new[] { "a", "b" }, FaultScenarios.Range250, cancellationToken: cts.Token));
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task The_api_key_appears_in_no_message_exception_or_log_line()
    {
        var texts = new List<string>();
        var watch = Stopwatch.StartNew();
        var runs = await Task.WhenAll(FaultScenarios.All.Select(s => FaultScenarios.RunAsync(s)));
        foreach (var (h, error) in runs)
        {
            using (h)
            {
                texts.Add(h.Options.ToString());
                texts.Add(h.Client.ToString());
                texts.AddRange(h.Logs.Lines);
                for (var e = error; e is not null; e = e.InnerException)
                {
                    texts.Add(e.Message);
                    texts.Add(e.ToString());
                    if (e is BrazeApiException api)
                    {
                        texts.Add(api.BrazeMessage ?? string.Empty);
                        texts.AddRange(api.Errors);
                        texts.Add(api.Request ?? string.Empty);
                    }
                }
            }
        }

        Assert.True(runs.Count(r => r.Error is not null) >= 11, "most scenarios fail");
        Assert.True(texts.Count > 50);
        Assert.All(texts, t => Assert.DoesNotContain(Harness.ApiKey, t, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("SECRET-KEY", t, StringComparison.Ordinal));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), watch.Elapsed.ToString());
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool, which races the assertions).</summary>
    private sealed class SyncProgress<T> : IProgress<T>
    {
        private readonly Action<T> _report;

        public SyncProgress(Action<T> report) => _report = report;

        public void Report(T value) => _report(value);
    }
}
