-- wrk script for ops/bench, part 2: every connection is a client doing an intake, then a decision on it.
-- A C load generator costs the 2-core machine far less than a .NET one, so the host and PostgreSQL get the CPU.
-- Environment: BENCH_TOKEN (bearer token), BENCH_AGENCY, BENCH_YEAR; BENCH_BODIES: a file of campaign intakes
-- (Disclosure.Load campaign-bodies: "applicant JSON<TAB>description JSON<TAB>receipt date" a line), taken in order, for the campaign load —
-- without it, the templated load below. BENCH_THREADS: wrk's -t (2).
local token = os.getenv("BENCH_TOKEN")
local agency = os.getenv("BENCH_AGENCY") or "bench-load"
local year = tonumber(os.getenv("BENCH_YEAR") or "2025")

local categories = { "natural_person", "commercial_enterprise", "research_institution",
  "public_interest_organization", "legal_service_institution", "other_organization" }
-- table 三 rows that a handler records by hand (the lapse outcomes are the deadline job's; not_processed_duplicate needs a
-- related earlier case of the same applicant that was answered, which this load does not set up)
local outcomes = { "disclosed", "partially_disclosed", "withheld_state_secret", "withheld_prohibited_by_law",
  "withheld_security_stability", "withheld_third_party_rights", "withheld_internal_affairs",
  "withheld_process_information", "withheld_enforcement_case_file", "withheld_administrative_query",
  "unavailable_not_held", "unavailable_needs_creation", "unavailable_still_unclear",
  "not_processed_petition_complaint", "not_processed_publication",
  "not_processed_excessive", "not_processed_confirmation" }

local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local pending = {}   -- intakes answered, their decision not yet sent: { id, receivedOn }
intakes, decisions, failures = 0, 0, 0 -- globals: done() reads them from each thread
local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }

local bodies, nextBody = nil, 1
local stride = tonumber(os.getenv("BENCH_THREADS") or "2") -- wrk's -t: each thread's init runs before the next is set up
function init(args)
  math.randomseed(os.time() + (id or 0) * 7919)
  local path = os.getenv("BENCH_BODIES")
  if path and path ~= "" then
    bodies = {}
    for line in io.lines(path) do
      local applicant, description, on = line:match("^([^\t]+)\t([^\t]+)\t(%d%d%d%d%-%d%d%-%d%d)$")
      if applicant then table.insert(bodies, { applicant, description, on }) end
    end
    assert(#bodies > 0, "no intakes in " .. path)
    nextBody = id or 1 -- the threads take turns through the file, in its order (a re-filing comes after its original)
  end
end

local subjects = { "园区道路改造工程", "集体土地征收补偿", "老旧小区加装电梯", "中小学校舍建设", "河道整治项目", "公共租赁住房分配",
  "城市绿化工程", "农贸市场改造", "污水处理厂扩建", "社区卫生服务中心建设" }
local documents = { "立项批复", "资金使用情况", "招标文件", "环境影响评价报告", "验收报告", "补偿标准", "规划许可证", "会议纪要" }

local function day(t) return os.date("!%Y-%m-%d", t) end

function request()
  local next = table.remove(pending)
  if next then
    local received = os.time({ year = tonumber(next[2]:sub(1, 4)), month = tonumber(next[2]:sub(6, 7)),
      day = tonumber(next[2]:sub(9, 10)), hour = 12 })
    local body = string.format('{"decidedOn":"%s","outcome":"%s"}',
      day(received + math.random(1, 24) * 86400), outcomes[math.random(#outcomes)])
    return wrk.format("POST", "/api/agencies/" .. agency .. "/applications/" .. next[1] .. "/decision", headers, body)
  end
  local received = os.time({ year = year, month = 1, day = 2, hour = 12 }) + math.random(0, 299) * 86400
  if bodies then
    local b = bodies[(nextBody - 1) % #bodies + 1]
    nextBody = nextBody + stride
    local body = string.format('{"channel":"online","applicant":%s,"description":%s,"receivedOn":"%s"}', b[1], b[2], b[3])
    return wrk.format("POST", "/api/agencies/" .. agency .. "/applications", headers, body)
  end
  -- as in service: applicants differ (a few file again), requests differ in their subject — one applicant filing the same
  -- text tens of thousands of times would make every repeat check compare against all of them
  local who = math.random(1, 200000)
  local body = string.format('{"channel":"online","applicant":{"category":"%s","name":"压测申请人%d",' ..
    '"idNumber":"1101011990%08d","phone":"138%08d"},"description":"压力测试：申请公开%s的%s",' ..
    '"receivedOn":"%s"}', categories[math.random(#categories)], who, who, who,
    subjects[math.random(#subjects)], documents[math.random(#documents)], day(received))
  return wrk.format("POST", "/api/agencies/" .. agency .. "/applications", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    intakes = intakes + 1
    local caseId = body:match('"id":"([^"]+)"')
    local receivedOn = body:match('"receivedOn":"([^"]+)"')
    if caseId and receivedOn then table.insert(pending, { caseId, receivedOn }) end
  elseif status == 200 then
    decisions = decisions + 1
  else
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local i, d, f = 0, 0, 0
  for _, t in ipairs(threads) do
    i = i + t:get("intakes"); d = d + t:get("decisions"); f = f + t:get("failures")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("requests=%d\nok=%d\nintakes=%d\nfailed=%d\nrps=%.0f\n", summary.requests, i + d, i, f, (i + d) / seconds))
  io.write(string.format("p50=%.1f\np95=%.1f\np99=%.1f\nmax=%.1f\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
